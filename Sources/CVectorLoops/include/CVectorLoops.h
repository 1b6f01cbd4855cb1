#ifndef ONE_NEURON_C_VECTOR_LOOPS_H
#define ONE_NEURON_C_VECTOR_LOOPS_H

#include <stddef.h>
#include <stdint.h>

/// Adam's update of n weights, as Keras computes it, element by element in float32 without fused
/// multiply-adds:
///   m += (g - m) * c1;  v += (g * g - v) * c2;  w -= (m * alpha) / (sqrt(v) + epsilon)
/// The same bits as the scalar loop: each element sees the same IEEE operations in the same order.
void one_neuron_adam_update(float *restrict weights, const float *restrict gradients, float *restrict m, float *restrict v,
                            size_t n, float c1, float c2, float alpha, float epsilon);

/// The backward pass of 2x2, stride-2 max pooling (floor: a trailing odd row/column gets gradient 0) over
/// NHWC samples [first_sample, end_sample): each window's gradient g, when the window's maximum is above
/// smallest_passing (0 through a ReLU, -infinity otherwise; else g * 0), goes to the first element in
/// row-major order equal to the maximum; the other three get g * 0 (a zero with g's sign).
void one_neuron_max_pool_2x2_backward(const float *input, const float *output, const float *grad_output, float *grad_input,
                                      size_t first_sample, size_t end_sample, size_t height, size_t width, size_t channels,
                                      float smallest_passing);

/// The winner of each window of a 2x2, stride-2 max pooling over NHWC samples [first_sample, end_sample), given
/// the pooling's input and output: one byte per output element, at the output's index, in winners. Bits 0-1: the
/// position one_neuron_max_pool_2x2_backward routes the gradient to (0 top-left, 1 top-right, 2 bottom-left,
/// 3 bottom-right: the first of 0, 1, 2 equal to the maximum, else 3), found by the same comparisons; bit 2: the
/// maximum is above 0; bit 3: the maximum is above -infinity (both clear for NaN).
void one_neuron_max_pool_2x2_winners(const float *input, const float *output, uint8_t *winners, size_t first_sample,
                                     size_t end_sample, size_t height, size_t width, size_t channels);

/// one_neuron_max_pool_2x2_backward from the winners that one_neuron_max_pool_2x2_winners recorded for the same
/// input and output, with smallest_passing 0 when through_relu is not 0 (bit 2), -infinity otherwise (bit 3):
/// the same float32 operations, so the same bits, without reading the input and output.
void one_neuron_max_pool_2x2_backward_from_winners(const uint8_t *winners, const float *grad_output, float *grad_input,
                                                   size_t first_sample, size_t end_sample, size_t height, size_t width,
                                                   size_t channels, int through_relu);

/// In place of one_neuron_max_pool_2x2_backward_from_winners followed by one_neuron_channel_group_sums with a
/// bf16 copy (groups = samples): for the NHWC samples [first_sample, end_sample), each sample's per-channel sums of
/// the gradient that backward would write (sums[n * channels + c]) and that gradient as bfloat16 (bf16_copy,
/// starting with first_sample), with the same bits as those two calls (a NaN sum is NaN, its sign and payload
/// unspecified); the float32 gradient itself is not written.
/// Returns 0 without writing anything on a CPU without AVX512_BF16 (then call those two).
int one_neuron_max_pool_2x2_backward_sums_bf16(const uint8_t *winners, const float *grad_output, float *sums,
                                               uint16_t *bf16_copy, size_t first_sample, size_t end_sample,
                                               size_t height, size_t width, size_t channels, int through_relu);

/// Column sums of a row-major [rows, channels] buffer per group of rows_per_group rows, for the groups
/// [first_group, end_group): sums[g * channels + c], each added in row order from 0. When bf16_copy is not
/// NULL it also receives those groups' values as bfloat16 (round to nearest even; NaN stays NaN, made quiet;
/// subnormals become zeros of their sign, as AVX512_BF16's conversion does), starting with the first group's
/// first row. When relu_output (same layout as x) is not NULL, every value is first multiplied by the derivative of the
/// ReLU whose output it is, as the ReLU mask does (x * (relu_output > 0 ? 1 : 0)); x itself is not changed.
void one_neuron_channel_group_sums(const float *x, const float *relu_output, size_t rows, size_t channels,
                                   size_t rows_per_group, size_t first_group, size_t end_group, float *sums,
                                   uint16_t *bf16_copy);

/// The measured rates, on the calling thread, of this CPU's float32 FMA (vfmadd...ps zmm: 2 FLOPs per lane) and
/// bf16 dot product (vdpbf16ps zmm: 4 FLOPs per lane, 2 bf16 products added to a float32), in GFLOP/s, each the best
/// of three runs after calibration, about `seconds` per instruction in all. Returns 0, writing nothing, when the
/// CPU lacks AVX-512 or AVX512_BF16; 1 otherwise.
int one_neuron_dot_product_rates(double seconds, double *fp32_gflops, double *bf16_gflops);

/// 1 when the CPU has AMX with bf16 (AMX-BF16), else 0.
int one_neuron_cpu_has_amx_bf16(void);

#endif
