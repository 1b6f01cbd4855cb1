// The input elements no window of a 2x2, stride-2 max pooling covers (floor semantics: a trailing odd row or
// column is dropped) get gradient 0. Shared by both backward passes (max_pool_backward.c, max_pool_winners.c).
#ifndef ONE_NEURON_MAX_POOL_2X2_EDGES_H
#define ONE_NEURON_MAX_POOL_2X2_EDGES_H

#include <stddef.h>

/// Zeroes one NHWC sample's last row when its height is odd.
static inline void max_pool_2x2_zero_dropped_row(float *dx, size_t height, size_t row_stride) {
    if (height % 2 == 0) return;
    for (size_t i = 0; i < row_stride; i++) dx[(height - 1) * row_stride + i] = 0.0f;
}

/// Zeroes the last column of the two input rows starting at dx_top (one window row) when the width is odd.
static inline void max_pool_2x2_zero_dropped_column(float *dx_top, size_t width, size_t channels, size_t row_stride) {
    if (width % 2 == 0) return;
    for (size_t ch = 0; ch < channels; ch++) {
        dx_top[(width - 1) * channels + ch] = 0.0f;
        dx_top[row_stride + (width - 1) * channels + ch] = 0.0f;
    }
}

#endif
