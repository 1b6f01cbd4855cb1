#ifndef ONE_NEURON_C_VECTOR_LOOPS_H
#define ONE_NEURON_C_VECTOR_LOOPS_H

#include <stddef.h>

/// Adam's update of n weights, as Keras computes it, element by element in float32 without fused
/// multiply-adds:
///   m += (g - m) * c1;  v += (g * g - v) * c2;  w -= (m * alpha) / (sqrt(v) + epsilon)
/// The same bits as the scalar loop: each element sees the same IEEE operations in the same order.
void one_neuron_adam_update(float *restrict weights, const float *restrict gradients, float *restrict m, float *restrict v,
                            size_t n, float c1, float c2, float alpha, float epsilon);

#endif
