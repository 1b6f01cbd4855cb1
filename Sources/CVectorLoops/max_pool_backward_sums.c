// Why C: in bf16 precision the float32 gradient that the max pooling's backward writes below it (the lower
// convolution's output gradient) is only read back, in cache, by the bias-sum loop that sums it and makes its
// bfloat16 copy for oneDNN (one_neuron_channel_group_sums); nothing else reads it. Producing the sums and the
// copy here, from the winners, skips writing and re-reading 4 bytes per element: the two loops were 2.9% and
// 1.3% of a one-thread bf16 seed-CNN step (perf, AMD EPYC Zen 4, 2026-12-07). Same bits: every element's value
// is formed by the float32 operations of one_neuron_max_pool_2x2_backward_from_winners, added to its channel's
// sum in the same order (pixels in memory order, from 0) and converted by the same instruction
// (vcvtneps2bf16) as one_neuron_channel_group_sums.
#include "CVectorLoops.h"

#include <immintrin.h>

#pragma clang fp contract(off)

enum { BLOCK = 16, WIDE = 4 };

__attribute__((target("avx512f,avx512bw,avx512bf16,avx512vl")))
static void sample_sums_bf16(const uint8_t *winners, const float *dy, float *sums, uint16_t *copy, size_t height,
                             size_t width, size_t channels, int passing_bit) {
    const size_t out_height = height / 2, out_width = width / 2;
    const __m512i position_bits = _mm512_set1_epi32(3), passing = _mm512_set1_epi32(passing_bit);
    const __m512 zero = _mm512_setzero_ps(), one = _mm512_set1_ps(1.0f);
    for (size_t c0 = 0; c0 < channels; c0 += WIDE * BLOCK) {
        __m512 acc[WIDE];
        __mmask16 lanes[WIDE];
        for (size_t b = 0; b < WIDE; b++) {
            acc[b] = zero;
            const size_t c = c0 + b * BLOCK;
            lanes[b] = c >= channels ? 0 : channels - c >= BLOCK ? (__mmask16)0xffff : (__mmask16)((1u << (channels - c)) - 1u);
        }
        for (size_t r = 0; r < height; r++) {
            const int covered_row = r / 2 < out_height;
            for (size_t col = 0; col < width; col++) {
                uint16_t *out = copy + (r * width + col) * channels + c0;
                const size_t window = ((r / 2) * out_width + col / 2) * channels + c0;
                const int covered = covered_row && col / 2 < out_width;
                const __m512i position = _mm512_set1_epi32((int)((r % 2) * 2 + col % 2));
                for (size_t b = 0; b < WIDE; b++) {
                    if (!lanes[b]) break;
                    __m512 v = zero;
                    if (covered) {
                        // As window_row_from_winners: g = dy * (passes ? 1 : 0); the winner gets g, the others g * 0.
                        const __m512i w = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(lanes[b], winners + window + b * BLOCK));
                        const __mmask16 passes = _mm512_test_epi32_mask(w, passing);
                        const __m512 g = _mm512_mul_ps(_mm512_maskz_loadu_ps(lanes[b], dy + window + b * BLOCK),
                                                       _mm512_mask_blend_ps(passes, zero, one));
                        const __mmask16 wins = _mm512_cmpeq_epi32_mask(_mm512_and_si512(w, position_bits), position);
                        v = _mm512_mask_blend_ps(wins, _mm512_mul_ps(g, zero), g);
                    }
                    acc[b] = _mm512_add_ps(acc[b], v);
                    _mm256_mask_storeu_epi16(out + b * BLOCK, lanes[b], (__m256i)_mm512_cvtneps_pbh(v));
                }
            }
        }
        for (size_t b = 0; b < WIDE && lanes[b]; b++) _mm512_mask_storeu_ps(sums + c0 + b * BLOCK, lanes[b], acc[b]);
    }
}

int one_neuron_max_pool_2x2_backward_sums_bf16(const uint8_t *winners, const float *grad_output, float *sums,
                                               uint16_t *bf16_copy, size_t first_sample, size_t end_sample,
                                               size_t height, size_t width, size_t channels, int through_relu) {
    if (!__builtin_cpu_supports("avx512bf16") || !__builtin_cpu_supports("avx512bw")) return 0;
    const size_t out_sample = (height / 2) * (width / 2) * channels, in_sample = height * width * channels;
    for (size_t n = first_sample; n < end_sample; n++)
        sample_sums_bf16(winners + n * out_sample, grad_output + n * out_sample, sums + n * channels,
                         bf16_copy + (n - first_sample) * in_sample, height, width, channels, through_relu ? 4 : 8);
    return 1;
}
