// Why hand-written: whether bf16 convolutions can beat float32 ones on a CPU depends on how many FLOPs its bf16
// dot-product instruction (vdpbf16ps) delivers per second against its float32 FMA, and no CPUID bit or library
// tells: it is twice the FMA's on AMD Zen 4 and half of it on an Intel Xeon without AMX (bench/fma_peak.c,
// 2026-12-07), where oneDNN's bf16 kernels run at that ceiling and bf16 trains at 0.6x of float32. This measures
// both rates for a few milliseconds, as bench/fma_peak.c does for the benchmark, so the tool can say so.
#include "CVectorLoops.h"

#include <stdint.h>
#include <time.h>

// Enough independent chains (zmm0-zmm15) to hide the latency of either instruction on current cores (4-6 cycles,
// 1-2 per cycle), so each loop runs at the instruction's throughput.
enum { CHAINS = 16 };

// Where the loops' results go, so that the compiler keeps the loops.
static volatile float kept_sink;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

// The loops are assembly so that the 16 chains stay in registers whatever the optimization level (a debug build
// compiles C at -O0, where they would live in memory and the rates would be the memory's). Each chain is
// acc = acc * a + b (float32) or acc += a . b (bf16 pairs), with a and b small so every value stays finite and normal.
#define A_FMA_SECONDS 0.999999f
#define B_FMA_SECONDS 1e-7f
#define A_BF16_DOT_SECONDS 0x38d238d2u  /* two bf16 1.0e-4 */
#define B_BF16_DOT_SECONDS 0x3a833a83u  /* two bf16 1.0e-3 */

// The seconds `iterations` (at least 1) x CHAINS float32 FMAs of 16 lanes (2 FLOPs each) took; the chains' sum goes
// to *sink.
__attribute__((target("avx512f")))
static double fma_seconds(long iterations, float *sink) {
    const float a = A_FMA_SECONDS, b = B_FMA_SECONDS;
    float sums[16];
    const double start = now_seconds();
    __asm__ volatile(
        "vbroadcastss %[a], %%zmm16\n\t"
        "vbroadcastss %[b], %%zmm17\n\t"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"
        "vmovaps %%zmm17, %%zmm\\i\n\t"
        ".endr\n\t"
        "1:\n\t"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"
        "vfmadd213ps %%zmm17, %%zmm16, %%zmm\\i\n\t"
        ".endr\n\t"
        "dec %[n]\n\t"
        "jnz 1b\n\t"
        ".irp i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"
        "vaddps %%zmm\\i, %%zmm0, %%zmm0\n\t"
        ".endr\n\t"
        "vmovups %%zmm0, %[sums]\n\t"
        : [n] "+r"(iterations), [sums] "=m"(sums)
        : [a] "m"(a), [b] "m"(b)
        : "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9", "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "cc");
    const double seconds = now_seconds() - start;
    for (int i = 0; i < 16; i++) *sink += sums[i];
    return seconds;
}

// The same for vdpbf16ps: each of 16 lanes adds 2 bf16 products (4 FLOPs, counted as a convolution counts them).
__attribute__((target("avx512f,avx512bf16")))
static double bf16_dot_seconds(long iterations, float *sink) {
    const uint32_t a = A_BF16_DOT_SECONDS, b = B_BF16_DOT_SECONDS;
    float sums[16];
    const double start = now_seconds();
    __asm__ volatile(
        "vpbroadcastd %[a], %%zmm16\n\t"
        "vpbroadcastd %[b], %%zmm17\n\t"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"
        "vmovaps %%zmm17, %%zmm\\i\n\t"
        ".endr\n\t"
        "1:\n\t"
        ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"
        "vdpbf16ps %%zmm17, %%zmm16, %%zmm\\i\n\t"
        ".endr\n\t"
        "dec %[n]\n\t"
        "jnz 1b\n\t"
        ".irp i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"
        "vaddps %%zmm\\i, %%zmm0, %%zmm0\n\t"
        ".endr\n\t"
        "vmovups %%zmm0, %[sums]\n\t"
        : [n] "+r"(iterations), [sums] "=m"(sums)
        : [a] "m"(a), [b] "m"(b)
        : "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9", "zmm10", "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "cc");
    const double seconds = now_seconds() - start;
    for (int i = 0; i < 16; i++) *sink += sums[i];
    return seconds;
}

// GFLOP/s of one of the two loops: the iteration count doubles until one run takes a tenth of `seconds`, then the
// best of three runs of about a third of `seconds` each counts (the first runs also bring the core to its clock).
static double rate(double (*loop)(long, float *), double flops_per_iteration, double seconds, float *sink) {
    long iterations = 1024;
    while (loop(iterations, sink) < seconds / 10 && iterations < (1L << 40)) iterations *= 2;
    iterations = iterations * 10 / 3;  // from a tenth of `seconds` to a third
    double best = 0;
    for (int run = 0; run < 3; run++) {
        const double took = loop(iterations, sink), flops = flops_per_iteration * (double)iterations;
        if (took > 0 && flops / took > best) best = flops / took;
    }
    return best * 1e-9;
}

int one_neuron_dot_product_rates(double seconds, double *fp32_gflops, double *bf16_gflops) {
    if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512bf16")) return 0;
    float sink = 0;
    *fp32_gflops = rate(fma_seconds, (double)CHAINS * 16 * 2, seconds, &sink);
    *bf16_gflops = rate(bf16_dot_seconds, (double)CHAINS * 16 * 4, seconds, &sink);
    kept_sink = sink;
    return 1;
}

int one_neuron_cpu_has_amx_bf16(void) { return __builtin_cpu_supports("amx-bf16") ? 1 : 0; }
