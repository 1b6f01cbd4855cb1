// Why C: the Swift form of this loop (SIMD8 selects) ran at ~3 cycles per element and was 7.5% of a
// one-thread bf16 seed-CNN step (perf, AMD EPYC Zen 4, 2026-12-07): Swift's generic SIMD code does not
// compile to AVX-512 blends. Bits are unchanged: only selections and float32 multiplications by 0 or 1.
#include "CVectorLoops.h"
#include "max_pool_2x2_edges.h"

#pragma clang fp contract(off)

__attribute__((target_clones("avx512f", "avx2", "default")))
static void window_row(const float *restrict x, const float *restrict y, const float *restrict dy, float *restrict dx,
                       size_t out_width, size_t channels, size_t row_stride, float smallest_passing) {
    for (size_t ow = 0; ow < out_width; ow++) {
        const size_t p0 = 2 * ow * channels, p1 = p0 + channels, p2 = p0 + row_stride, p3 = p2 + channels;
        // The next window row's input, whose loads stalled this loop (perf: 61% of its samples on them, the input
        // having left the cache since the forward pass): prefetching it took the pass from 10.5-10.9 to 10.3-10.5
        // ms/step (one-thread bf16 bench, 3 alternated runs). A prefetch never faults past the buffer's end.
        for (size_t k = 0; k < 2 * channels; k += 16) {
            __builtin_prefetch(x + p0 + 2 * row_stride + k);
            __builtin_prefetch(x + p2 + 2 * row_stride + k);
        }
        const float *ym = y + ow * channels, *g_in = dy + ow * channels;
        for (size_t ch = 0; ch < channels; ch++) {
            const float m = ym[ch];
            const float g = g_in[ch] * (m > smallest_passing ? 1.0f : 0.0f);
            const float lost = g * 0.0f;
            const int e0 = x[p0 + ch] == m;
            const int e1 = !e0 && x[p1 + ch] == m;
            const int e2 = !e0 && !e1 && x[p2 + ch] == m;
            const int e3 = !e0 && !e1 && !e2;
            dx[p0 + ch] = e0 ? g : lost;
            dx[p1 + ch] = e1 ? g : lost;
            dx[p2 + ch] = e2 ? g : lost;
            dx[p3 + ch] = e3 ? g : lost;
        }
    }
}

void one_neuron_max_pool_2x2_backward(const float *input, const float *output, const float *grad_output, float *grad_input,
                                      size_t first_sample, size_t end_sample, size_t height, size_t width, size_t channels,
                                      float smallest_passing) {
    const size_t out_height = height / 2, out_width = width / 2;
    const size_t row_stride = width * channels;
    const size_t in_sample = height * row_stride, out_sample = out_height * out_width * channels;
    for (size_t n = first_sample; n < end_sample; n++) {
        const float *x = input + n * in_sample, *y = output + n * out_sample, *dy = grad_output + n * out_sample;
        float *dx = grad_input + n * in_sample;
        max_pool_2x2_zero_dropped_row(dx, height, row_stride);
        for (size_t oh = 0; oh < out_height; oh++) {
            const size_t top = 2 * oh * row_stride;
            max_pool_2x2_zero_dropped_column(dx + top, width, channels, row_stride);
            window_row(x + top, y + oh * out_width * channels, dy + oh * out_width * channels, dx + top,
                       out_width, channels, row_stride, smallest_passing);
        }
    }
}
