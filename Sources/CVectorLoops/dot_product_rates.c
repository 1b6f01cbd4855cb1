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
//
// NAME(iterations, sink): the seconds `iterations` (at least 1) x CHAINS instructions STEP took, each on 16 lanes;
// BROADCAST loads the operands a and b (of type TYPE) into zmm16 and zmm17, every chain starts at b, and the chains'
// sum goes to *sink. One definition serves both instructions, which differ only in these names.
#define DEFINE_CHAINS_LOOP(NAME, ISA, TYPE, A, B, BROADCAST, STEP)                                                \
    __attribute__((target(ISA))) static double NAME(long iterations, float *sink) {                              \
        const TYPE a = A, b = B;                                                                                 \
        float sums[16];                                                                                          \
        const double start = now_seconds();                                                                      \
        __asm__ volatile(BROADCAST " %[a], %%zmm16\n\t" BROADCAST " %[b], %%zmm17\n\t"                           \
                         ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"                      \
                         "vmovaps %%zmm17, %%zmm\\i\n\t"                                                        \
                         ".endr\n\t"                                                                             \
                         "1:\n\t"                                                                                \
                         ".irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"                      \
                         STEP " %%zmm17, %%zmm16, %%zmm\\i\n\t"                                                 \
                         ".endr\n\t"                                                                             \
                         "dec %[n]\n\t"                                                                          \
                         "jnz 1b\n\t"                                                                            \
                         ".irp i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n\t"                         \
                         "vaddps %%zmm\\i, %%zmm0, %%zmm0\n\t"                                                  \
                         ".endr\n\t"                                                                             \
                         "vmovups %%zmm0, %[sums]\n\t"                                                           \
                         : [n] "+r"(iterations), [sums] "=m"(sums)                                              \
                         : [a] "m"(a), [b] "m"(b)                                                               \
                         : "zmm0", "zmm1", "zmm2", "zmm3", "zmm4", "zmm5", "zmm6", "zmm7", "zmm8", "zmm9", "zmm10", \
                           "zmm11", "zmm12", "zmm13", "zmm14", "zmm15", "zmm16", "zmm17", "cc");                 \
        const double seconds = now_seconds() - start;                                                            \
        for (int i = 0; i < 16; i++) *sink += sums[i];                                                           \
        return seconds;                                                                                          \
    }

// float32 FMA, acc = acc * a + b: 2 FLOPs per lane.
DEFINE_CHAINS_LOOP(fma_seconds, "avx512f", float, 0.999999f, 1e-7f, "vbroadcastss", "vfmadd213ps")
// bf16 dot product, acc += a . b over two bf16 pairs (a: two bf16 1.0e-4, b: two bf16 1.0e-3): 4 FLOPs per lane,
// counted as a convolution counts them.
DEFINE_CHAINS_LOOP(bf16_dot_seconds, "avx512f,avx512bf16", uint32_t, 0x38d238d2u, 0x3a833a83u, "vpbroadcastd", "vdpbf16ps")

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
