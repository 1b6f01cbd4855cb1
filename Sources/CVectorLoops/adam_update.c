// Why C: Swift on Linux compiles Float.squareRoot() to sqrtss plus a call to sqrtf (for errno), which
// keeps the Adam loop scalar; here __builtin_elementwise_sqrt has no errno and the loop vectorizes.
// Measured: Adam was ~13% of the GAN step (~2 ms of 15 ms, ~0.9M weights twice per step, perf, AMD
// EPYC Zen 4). Bits are unchanged: the operations are elementwise IEEE float32 (sqrt and division
// correctly rounded at any vector width) and contraction into FMAs is off.
#include "CVectorLoops.h"

#pragma clang fp contract(off)

__attribute__((target_clones("avx512f", "avx2", "default")))
void one_neuron_adam_update(float *restrict weights, const float *restrict gradients, float *restrict m, float *restrict v,
                            size_t n, float c1, float c2, float alpha, float epsilon) {
    for (size_t i = 0; i < n; i++) {
        float g = gradients[i];
        m[i] += (g - m[i]) * c1;
        v[i] += (g * g - v[i]) * c2;
        weights[i] -= (m[i] * alpha) / (__builtin_elementwise_sqrt(v[i]) + epsilon);
    }
}
