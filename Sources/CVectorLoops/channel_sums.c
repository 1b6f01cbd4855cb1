// Why C: the Swift form (SIMD8 accumulators, one pass over the rows per 8 channels) was ~2.5% of a
// one-thread bf16 seed-CNN step (perf, AMD EPYC Zen 4, 2026-12-07), and the bf16 copy of the same
// gradient was a second pass (a oneDNN reorder) over memory the sums had just read. Here one pass does
// both. Bits are unchanged: every channel's sum adds its rows in row order, starting from 0, in float32. In bf16
// precision the same pass can apply the ReLU mask of the convolution's output (the mask pass after the upper
// convolution's backward data was 2.1% of the step), so the masked float32 gradient is never written.
#include "CVectorLoops.h"

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

enum { BLOCK = 16, WIDE = 4 };

static inline uint16_t to_bfloat16(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    const uint32_t magnitude = bits & 0x7fffffffu;
    if (magnitude > 0x7f800000u) return (uint16_t)((bits >> 16) | 0x0040u);  // NaN: stays NaN, made quiet
    if (magnitude < 0x00800000u) return (uint16_t)((bits >> 16) & 0x8000u);  // zero or subnormal: signed zero
    return (uint16_t)((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);         // round to nearest, ties to even
}

// With a bf16 copy on a CPU with AVX512_BF16 (the only CPUs where OneNeuron runs bf16 convolutions): the
// conversion is the instruction oneDNN's reorder uses there, vcvtneps2bf16, instead of ~20 integer operations
// per 16 values (measured: the software form kept this loop at ~1 cycle per value on Zen 4's 256-bit units).
__attribute__((target("avx512f,avx512bf16,avx512vl")))
static void group_sums_avx512_bf16(const float *x, const float *relu_output, size_t rows, size_t channels,
                                   size_t rows_per_group, size_t first_group, size_t end_group, float *sums,
                                   uint16_t *bf16_copy) {
    const __m512 zero = _mm512_setzero_ps(), one = _mm512_set1_ps(1.0f);
    for (size_t g = first_group; g < end_group; g++) {
        const size_t start = g * rows_per_group;
        const size_t count = rows - start < rows_per_group ? rows - start : rows_per_group;
        const float *base = x + start * channels, *mask_base = relu_output ? relu_output + start * channels : NULL;
        uint16_t *copy = bf16_copy + (start - first_group * rows_per_group) * channels;
        // Up to WIDE channels at a time, row after row (the rows are read in memory order).
        for (size_t c0 = 0; c0 < channels; c0 += WIDE * BLOCK) {
            __m512 acc[WIDE];
            __mmask16 lanes[WIDE];
            for (size_t b = 0; b < WIDE; b++) {
                acc[b] = _mm512_setzero_ps();
                const size_t c = c0 + b * BLOCK;
                lanes[b] = c >= channels ? 0 : channels - c >= BLOCK ? (__mmask16)0xffff : (__mmask16)((1u << (channels - c)) - 1u);
            }
            for (size_t r = 0; r < count; r++) {
                const float *row = base + r * channels + c0;
                uint16_t *out = copy + r * channels + c0;
                for (size_t b = 0; b < WIDE; b++) {
                    if (!lanes[b]) break;
                    __m512 v = _mm512_maskz_loadu_ps(lanes[b], row + b * BLOCK);
                    if (mask_base) {
                        // The ReLU's backward as ReLUMask.apply computes it: gradient * (output > 0 ? 1 : 0).
                        const __m512 y = _mm512_maskz_loadu_ps(lanes[b], mask_base + r * channels + c0 + b * BLOCK);
                        v = _mm512_mul_ps(v, _mm512_mask_blend_ps(_mm512_cmp_ps_mask(y, zero, _CMP_GT_OQ), zero, one));
                    }
                    acc[b] = _mm512_add_ps(acc[b], v);
                    _mm256_mask_storeu_epi16(out + b * BLOCK, lanes[b], (__m256i)_mm512_cvtneps_pbh(v));
                }
            }
            for (size_t b = 0; b < WIDE && lanes[b]; b++) _mm512_mask_storeu_ps(sums + g * channels + c0 + b * BLOCK, lanes[b], acc[b]);
        }
    }
}

__attribute__((target_clones("avx512f", "avx2", "default")))
static void group_sums_portable(const float *x, size_t rows, size_t channels, size_t rows_per_group, size_t first_group,
                                   size_t end_group, float *sums, uint16_t *bf16_copy) {
    for (size_t g = first_group; g < end_group; g++) {
        const size_t start = g * rows_per_group;
        const size_t count = rows - start < rows_per_group ? rows - start : rows_per_group;
        const float *base = x + start * channels;
        uint16_t *copy = bf16_copy ? bf16_copy + (start - first_group * rows_per_group) * channels : NULL;
        float *out = sums + g * channels;
        size_t c = 0;
        for (; c + BLOCK <= channels; c += BLOCK) {
            float acc[BLOCK] = {0};
            for (size_t r = 0; r < count; r++) {
                const float *row = base + r * channels + c;
                for (size_t k = 0; k < BLOCK; k++) acc[k] += row[k];
                if (copy)
                    for (size_t k = 0; k < BLOCK; k++) copy[r * channels + c + k] = to_bfloat16(row[k]);
            }
            for (size_t k = 0; k < BLOCK; k++) out[c + k] = acc[k];
        }
        for (; c < channels; c++) {
            float s = 0.0f;
            for (size_t r = 0; r < count; r++) {
                s += base[r * channels + c];
                if (copy) copy[r * channels + c] = to_bfloat16(base[r * channels + c]);
            }
            out[c] = s;
        }
    }
}

// The same sums (and copy) of x * (relu_output > 0 ? 1 : 0), element by element in row order. Only bf16 convolutions
// pass a mask, and they run only where group_sums_avx512_bf16 serves them: this plain loop keeps the contract elsewhere.
static void group_sums_masked_portable(const float *x, const float *relu_output, size_t rows, size_t channels,
                                       size_t rows_per_group, size_t first_group, size_t end_group, float *sums,
                                       uint16_t *bf16_copy) {
    for (size_t g = first_group; g < end_group; g++) {
        const size_t start = g * rows_per_group;
        const size_t count = rows - start < rows_per_group ? rows - start : rows_per_group;
        uint16_t *copy = bf16_copy ? bf16_copy + (start - first_group * rows_per_group) * channels : NULL;
        for (size_t c = 0; c < channels; c++) {
            float s = 0.0f;
            for (size_t r = 0; r < count; r++) {
                const size_t i = (start + r) * channels + c;
                const float v = x[i] * (relu_output[i] > 0.0f ? 1.0f : 0.0f);
                s += v;
                if (copy) copy[r * channels + c] = to_bfloat16(v);
            }
            sums[g * channels + c] = s;
        }
    }
}

void one_neuron_channel_group_sums(const float *x, const float *relu_output, size_t rows, size_t channels,
                                   size_t rows_per_group, size_t first_group, size_t end_group, float *sums,
                                   uint16_t *bf16_copy) {
    if (bf16_copy && __builtin_cpu_supports("avx512bf16"))
        group_sums_avx512_bf16(x, relu_output, rows, channels, rows_per_group, first_group, end_group, sums, bf16_copy);
    else if (relu_output)
        group_sums_masked_portable(x, relu_output, rows, channels, rows_per_group, first_group, end_group, sums, bf16_copy);
    else
        group_sums_portable(x, rows, channels, rows_per_group, first_group, end_group, sums, bf16_copy);
}
