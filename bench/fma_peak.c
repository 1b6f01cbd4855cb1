/* Measured FMA ceiling of this CPU: a calibrated loop of independent FMA chains, not a
 * nominal clock x width figure.
 *
 *   gcc -O2 -march=native -pthread -o fma_peak bench/fma_peak.c
 *   ./fma_peak [--threads N] [--seconds S] [--kind fp32|bf16|all]
 *
 * Each of N pthreads runs CHAINS independent accumulator chains in registers, one vector FMA
 * per chain per iteration, with the widest vectors the compiler was allowed (AVX-512 when
 * -march=native enables it, else AVX2+FMA). Enough chains hide the FMA latency on every
 * current core (latency 4-5 cycles x 2 pipes needs >= 10). The iteration count is calibrated
 * so that one repetition takes about S seconds (default 1), the repetition runs 3 times, and
 * the best is printed.
 *
 * fp32: vfmadd...ps (FMA: 2 FLOP per fp32 lane per instruction; 16 lanes with AVX-512, 8 with AVX2).
 * bf16: vdpbf16ps (AVX512_BF16; 16 fp32 lanes, each accumulating a dot product of 2 bf16 pairs:
 *       2 multiplies + 2 adds = 4 FLOP per lane per instruction), so the bf16 figure is in
 *       "bf16 FLOP/s" counted the way a bf16 convolution's FLOPs are counted.
 *
 * Output: one JSON line per kind on stdout, e.g.
 *   {"kind": "fp32", "instruction": "vfmadd...ps zmm (AVX-512)", "lanes": 16, "flops_per_lane": 2,
 *    "threads": 2, "iterations": 123, "seconds": [..], "gflops": 160.1}
 * "bf16" is skipped (with a note on stderr) when the compiler target lacks AVX512_BF16.
 */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHAINS 16
#define REPEATS 3

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define VSET1(x) _mm512_set1_ps(x)
#define VFMA(acc, a, b) _mm512_fmadd_ps(acc, a, b)
#define VADD(a, b) _mm512_add_ps(a, b)
#define VSUM(v) _mm512_reduce_add_ps(v)
#define FP32_INSTRUCTION "vfmadd...ps zmm (AVX-512)"
#elif defined(__AVX2__) && defined(__FMA__)
typedef __m256 vec;
#define LANES 8
#define VSET1(x) _mm256_set1_ps(x)
#define VFMA(acc, a, b) _mm256_fmadd_ps(acc, a, b)
#define VADD(a, b) _mm256_add_ps(a, b)
static float vsum256(__m256 v) {
    float lanes[8];
    _mm256_storeu_ps(lanes, v);
    float s = 0;
    for (int i = 0; i < 8; i++) s += lanes[i];
    return s;
}
#define VSUM(v) vsum256(v)
#define FP32_INSTRUCTION "vfmadd...ps ymm (AVX2+FMA)"
#else
#error "fma_peak needs AVX2+FMA or AVX-512 (compile with -march=native on such a CPU)"
#endif

enum kind { FP32, BF16 };

struct job {
    enum kind kind;
    long iterations;
    float seed;
    pthread_barrier_t *start;
    float sink;
};

/* The 16 chains are written out so that they live in registers: acc = acc * a + b with a just
 * under 1 and b small keeps every value finite and normal however long the loop runs. */
#define CHAIN_LIST(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) \
                      X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)

static float run_fp32(long iterations, float seed) {
    const vec a = VSET1(0.999999f), b = VSET1(1e-7f);
#define DECLARE(i) vec acc##i = VSET1(seed + (float)(i));
    CHAIN_LIST(DECLARE)
#undef DECLARE
    for (long n = 0; n < iterations; n++) {
#define STEP(i) acc##i = VFMA(acc##i, a, b);
        CHAIN_LIST(STEP)
#undef STEP
        __asm__ volatile("" ::: "memory");
    }
    vec total = VSET1(0.0f);
#define ADD(i) total = VADD(total, acc##i);
    CHAIN_LIST(ADD)
#undef ADD
    return VSUM(total);
}

#if defined(__AVX512BF16__)
static float run_bf16(long iterations, float seed) {
    /* a x b pairs: bf16 values near 1e-4 so the accumulators grow slowly and stay normal. */
    const __m512bh a = _mm512_cvtne2ps_pbh(_mm512_set1_ps(1e-4f), _mm512_set1_ps(1e-4f));
    const __m512bh b = _mm512_cvtne2ps_pbh(_mm512_set1_ps(1e-3f), _mm512_set1_ps(1e-3f));
#define DECLARE(i) __m512 acc##i = _mm512_set1_ps(seed + (float)(i));
    CHAIN_LIST(DECLARE)
#undef DECLARE
    for (long n = 0; n < iterations; n++) {
#define STEP(i) acc##i = _mm512_dpbf16_ps(acc##i, a, b);
        CHAIN_LIST(STEP)
#undef STEP
        __asm__ volatile("" ::: "memory");
    }
    __m512 total = _mm512_set1_ps(0.0f);
#define ADD(i) total = _mm512_add_ps(total, acc##i);
    CHAIN_LIST(ADD)
#undef ADD
    return _mm512_reduce_add_ps(total);
}
#endif

static void *worker(void *argument) {
    struct job *job = argument;
    pthread_barrier_wait(job->start);
#if defined(__AVX512BF16__)
    if (job->kind == BF16) {
        job->sink = run_bf16(job->iterations, job->seed);
        return NULL;
    }
#endif
    job->sink = run_fp32(job->iterations, job->seed);
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Wall seconds for `threads` threads each running `iterations` iterations. */
static double timed_run(enum kind kind, int threads, long iterations) {
    pthread_t ids[threads];
    struct job jobs[threads];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
    for (int t = 0; t < threads; t++) {
        jobs[t] = (struct job){.kind = kind, .iterations = iterations,
                                .seed = (float)t, .start = &start};
        if (pthread_create(&ids[t], NULL, worker, &jobs[t]) != 0) {
            perror("fma_peak: pthread_create");
            exit(1);
        }
    }
    pthread_barrier_wait(&start);
    double begin = now();
    float sink = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        sink += jobs[t].sink;
    }
    double seconds = now() - begin;
    pthread_barrier_destroy(&start);
    if (sink != sink) fprintf(stderr, "fma_peak: NaN accumulator (ignored)\n");
    return seconds;
}

static void measure(enum kind kind, int threads, double target) {
    /* Calibrate: double the count until a run takes >= 0.1 s, then scale to the target. */
    long iterations = 1 << 16;
    double seconds;
    while ((seconds = timed_run(kind, threads, iterations)) < 0.1) iterations *= 2;
    iterations = (long)((double)iterations * target / seconds) + 1;
    double flops_per_lane = kind == BF16 ? 4.0 : 2.0;
    int lanes = kind == BF16 ? 16 : LANES;
    double flops = (double)threads * (double)iterations * CHAINS * lanes * flops_per_lane;
    double best = 0, times[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
        times[r] = timed_run(kind, threads, iterations);
        double gflops = flops / times[r] / 1e9;
        if (gflops > best) best = gflops;
    }
    printf("{\"kind\": \"%s\", \"instruction\": \"%s\", \"lanes\": %d, \"flops_per_lane\": %.0f, "
           "\"threads\": %d, \"iterations\": %ld, \"seconds\": [%.4f, %.4f, %.4f], \"gflops\": %.2f}\n",
           kind == BF16 ? "bf16" : "fp32",
           kind == BF16 ? "vdpbf16ps zmm (AVX512_BF16)" : FP32_INSTRUCTION,
           lanes, flops_per_lane, threads, iterations, times[0], times[1], times[2], best);
    fflush(stdout);
}

static void usage_exit(void) {
    fprintf(stderr, "usage: fma_peak [--threads N] [--seconds S] [--kind fp32|bf16|all]\n");
    exit(2);
}

int main(int argc, char **argv) {
    int threads = 1;
    double target = 1.0;
    const char *which = "all";
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) usage_exit();
        if (strcmp(argv[i], "--threads") == 0) threads = atoi(argv[++i]);
        else if (strcmp(argv[i], "--seconds") == 0) target = atof(argv[++i]);
        else if (strcmp(argv[i], "--kind") == 0) which = argv[++i];
        else usage_exit();
    }
    if (threads < 1 || threads > 1024 || !(target > 0)) usage_exit();
    int fp32 = strcmp(which, "fp32") == 0 || strcmp(which, "all") == 0;
    int bf16 = strcmp(which, "bf16") == 0 || strcmp(which, "all") == 0;
    if (!fp32 && !bf16) usage_exit();
    if (fp32) measure(FP32, threads, target);
    if (bf16) {
#if defined(__AVX512BF16__)
        measure(BF16, threads, target);
#else
        fprintf(stderr, "fma_peak: no AVX512_BF16 in this build's target; bf16 ceiling skipped\n");
        if (!fp32) return 1;
#endif
    }
    return 0;
}
