// Why C: the backward pass of the max pooling re-read the forward's input (the conv output, cold by then) and
// output to find each window's winner: window_row in max_pool_backward.c was 4.5-4.7% of a one-thread bf16
// seed-CNN step (perf, AMD EPYC Zen 4, 2026-12-07, with another engineer's build sharing the 2 cores). Recording the
// winners as one byte per window right after each chunk's forward, while its input is still in cache, lets the
// backward read 1 byte per window instead of 5 floats: 0.6-0.7% in the forward plus 2.8-3.1% in the backward (still
// bound on the stores to dx, cold since the last step; prefetching them for writing one window row ahead took it from
// 3.4%). The bench's "backward weights + bias sums + max_pooling2d backward" went from 11.2-11.6 to 10.3-10.8 ms/step,
// its forward with the pooling from 9.9-10.2 to 9.8-10.5 (3 alternated runs each, a shared machine). The same
// comparisons and the same float32 multiplications by 0 or 1 as one_neuron_max_pool_2x2_backward, so the same bits.
// Both loops here take one vector of channels per iteration: clang interleaved the first by 4 (64 channels), which
// left the seed CNN's 32 channels to the scalar remainder.
#include "CVectorLoops.h"
#include "max_pool_2x2_edges.h"
#include <math.h>

#pragma clang fp contract(off)

__attribute__((target_clones("avx512f", "avx2", "default")))
static void winners_row(const float *restrict x, const float *restrict y, uint8_t *restrict winners, size_t out_width,
                        size_t channels, size_t row_stride) {
    for (size_t ow = 0; ow < out_width; ow++) {
        const size_t p0 = 2 * ow * channels, p1 = p0 + channels, p2 = p0 + row_stride;
        const float *ym = y + ow * channels;
        uint8_t *w = winners + ow * channels;
#pragma clang loop interleave_count(1)
        for (size_t ch = 0; ch < channels; ch++) {
            const float m = ym[ch];
            // The comparisons of one_neuron_max_pool_2x2_backward: the first of p0, p1, p2 equal to m, else p3.
            const int e0 = x[p0 + ch] == m;
            const int e1 = !e0 && x[p1 + ch] == m;
            const int e2 = !e0 && !e1 && x[p2 + ch] == m;
            const int position = e0 ? 0 : e1 ? 1 : e2 ? 2 : 3;
            w[ch] = (uint8_t)(position | (m > 0.0f ? 4 : 0) | (m > -INFINITY ? 8 : 0));
        }
    }
}

void one_neuron_max_pool_2x2_winners(const float *input, const float *output, uint8_t *winners, size_t first_sample,
                                     size_t end_sample, size_t height, size_t width, size_t channels) {
    const size_t out_height = height / 2, out_width = width / 2;
    const size_t row_stride = width * channels;
    const size_t in_sample = height * row_stride, out_sample = out_height * out_width * channels;
    for (size_t n = first_sample; n < end_sample; n++) {
        const float *x = input + n * in_sample, *y = output + n * out_sample;
        uint8_t *w = winners + n * out_sample;
        for (size_t oh = 0; oh < out_height; oh++) {
            const size_t out_row = oh * out_width * channels;
            winners_row(x + 2 * oh * row_stride, y + out_row, w + out_row, out_width, channels, row_stride);
        }
    }
}

__attribute__((target_clones("avx512f", "avx2", "default")))
static void window_row_from_winners(const uint8_t *restrict winners, const float *restrict dy, float *restrict dx,
                                    size_t out_width, size_t channels, size_t row_stride, int passing_bit) {
    for (size_t ow = 0; ow < out_width; ow++) {
        const size_t p0 = 2 * ow * channels, p1 = p0 + channels, p2 = p0 + row_stride, p3 = p2 + channels;
        const uint8_t *w = winners + ow * channels;
        const float *g_in = dy + ow * channels;
        // The next window row's gradient, for writing (prefetching two window rows ahead was no better).
        for (size_t k = 0; k < 2 * channels; k += 16) {
            __builtin_prefetch(dx + p0 + 2 * row_stride + k, 1);
            __builtin_prefetch(dx + p2 + 2 * row_stride + k, 1);
        }
#pragma clang loop interleave_count(1)
        for (size_t ch = 0; ch < channels; ch++) {
            const int b = w[ch], position = b & 3;
            const float g = g_in[ch] * ((b & passing_bit) ? 1.0f : 0.0f);
            const float lost = g * 0.0f;
            dx[p0 + ch] = position == 0 ? g : lost;
            dx[p1 + ch] = position == 1 ? g : lost;
            dx[p2 + ch] = position == 2 ? g : lost;
            dx[p3 + ch] = position == 3 ? g : lost;
        }
    }
}

void one_neuron_max_pool_2x2_backward_from_winners(const uint8_t *winners, const float *grad_output, float *grad_input,
                                                   size_t first_sample, size_t end_sample, size_t height, size_t width,
                                                   size_t channels, int through_relu) {
    const size_t out_height = height / 2, out_width = width / 2;
    const size_t row_stride = width * channels;
    const size_t in_sample = height * row_stride, out_sample = out_height * out_width * channels;
    const int passing_bit = through_relu ? 4 : 8;
    for (size_t n = first_sample; n < end_sample; n++) {
        const uint8_t *w = winners + n * out_sample;
        const float *dy = grad_output + n * out_sample;
        float *dx = grad_input + n * in_sample;
        max_pool_2x2_zero_dropped_row(dx, height, row_stride);
        for (size_t oh = 0; oh < out_height; oh++) {
            const size_t top = 2 * oh * row_stride;
            max_pool_2x2_zero_dropped_column(dx + top, width, channels, row_stride);
            window_row_from_winners(w + oh * out_width * channels, dy + oh * out_width * channels, dx + top, out_width,
                                    channels, row_stride, passing_bit);
        }
    }
}
