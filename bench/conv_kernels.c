// Times oneDNN's convolution kernels for the seed CNN's two convolutions as OneNeuron runs them: NHWC activations,
// weights in format `any`, one thread, 8 chunks of 16 samples per 128-sample batch, fused ReLU on the forward pass.
// For each forward implementation oneDNN lists (except the reference and GEMM ones), prints the best of 40 batches
// of each pass in ms per 128 samples and GFLOP/s (direct FLOPs), with the kernel names. Not part of CI.
//
//   gcc -O2 -o /tmp/conv_kernels bench/conv_kernels.c -ldnnl && OMP_NUM_THREADS=1 /tmp/conv_kernels [fp32|bf16]
//
// Inputs are arbitrary small numbers; only the times matter here.
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call)                                                                                  \
    do {                                                                                             \
        dnnl_status_t status_ = (call);                                                              \
        if (status_ != dnnl_success) {                                                               \
            fprintf(stderr, "conv_kernels: %s failed with status %d\n", #call, (int)status_);      \
            exit(1);                                                                                 \
        }                                                                                            \
    } while (0)

enum { BATCH = 128, CHUNK = 16, CHUNKS = BATCH / CHUNK, REPEATS = 40 };

static dnnl_engine_t engine;
static dnnl_stream_t stream;

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static dnnl_memory_t filled(const dnnl_memory_desc_t *desc) {
    dnnl_memory_t memory;
    CHECK(dnnl_memory_create(&memory, desc, engine, DNNL_MEMORY_ALLOCATE));
    void *data;
    CHECK(dnnl_memory_get_data_handle(memory, &data));
    memset(data, 0x3c, dnnl_memory_desc_get_size(desc));  // 0x3c3c...: about 0.01 in float32 and in bfloat16
    return memory;
}

static const dnnl_memory_desc_t *md(const_dnnl_primitive_desc_t pd, dnnl_query_t what) {
    return dnnl_primitive_desc_query_md(pd, what, 0);
}

static const char *name(const_dnnl_primitive_desc_t pd) {
    const char *text = "?";
    dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &text);
    return text;
}

static double best_of(dnnl_primitive_t primitive, int nargs, dnnl_exec_arg_t chunk_args[CHUNKS][6]) {
    double best = 1e9;
    for (int r = 0; r < REPEATS + 3; r++) {
        double start = seconds();
        for (int i = 0; i < CHUNKS; i++) CHECK(dnnl_primitive_execute(primitive, stream, nargs, chunk_args[i]));
        CHECK(dnnl_stream_wait(stream));
        double took = seconds() - start;
        if (r >= 3 && took < best) best = took;  // the first 3 warm the caches
    }
    return best;
}

// One convolution shape: every forward implementation, each with oneDNN's first backward kernels for it.
static void time_shape(dnnl_data_type_t multiplied, int in_channels, int size, int pad) {
    const int out_size = size + 2 * pad - 2, out_channels = 32;
    dnnl_dims_t src_dims = {CHUNK, in_channels, size, size}, dst_dims = {CHUNK, out_channels, out_size, out_size};
    dnnl_dims_t weight_dims = {out_channels, in_channels, 3, 3}, bias_dims = {out_channels};
    dnnl_memory_desc_t src, dst, weights, diff_weights, bias, diff_src, diff_dst;
    CHECK(dnnl_memory_desc_init_by_tag(&src, 4, src_dims, multiplied, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&dst, 4, dst_dims, dnnl_f32, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&diff_src, 4, src_dims, dnnl_f32, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&diff_dst, 4, dst_dims, multiplied, dnnl_nhwc));
    CHECK(dnnl_memory_desc_init_by_tag(&weights, 4, weight_dims, multiplied, dnnl_format_tag_any));
    CHECK(dnnl_memory_desc_init_by_tag(&diff_weights, 4, weight_dims, dnnl_f32, dnnl_format_tag_any));
    CHECK(dnnl_memory_desc_init_by_tag(&bias, 1, bias_dims, dnnl_f32, dnnl_x));
    dnnl_dims_t strides = {1, 1}, padding = {pad, pad};
    dnnl_convolution_desc_t forward, backward_data, backward_weights;
    CHECK(dnnl_convolution_forward_desc_init(&forward, dnnl_forward_training, dnnl_convolution_direct, &src, &weights,
                                             &bias, &dst, strides, padding, padding));
    CHECK(dnnl_convolution_backward_data_desc_init(&backward_data, dnnl_convolution_direct, &diff_src, &weights,
                                                   &diff_dst, strides, padding, padding));
    CHECK(dnnl_convolution_backward_weights_desc_init(&backward_weights, dnnl_convolution_direct, &src, &diff_weights,
                                                      NULL, &diff_dst, strides, padding, padding));
    dnnl_primitive_attr_t relu;
    dnnl_post_ops_t post_ops;
    CHECK(dnnl_primitive_attr_create(&relu));
    CHECK(dnnl_post_ops_create(&post_ops));
    CHECK(dnnl_post_ops_append_eltwise(post_ops, 1.f, dnnl_eltwise_relu, 0.f, 0.f));
    CHECK(dnnl_primitive_attr_set_post_ops(relu, post_ops));
    const double gflop = 2.0 * BATCH * out_size * out_size * out_channels * in_channels * 9 / 1e9;
    printf("%dx%dx%d -> %dx%dx%d, %s, ms per %d samples (GFLOP/s):\n", size, size, in_channels, out_size, out_size,
           out_channels, multiplied == dnnl_bf16 ? "bf16" : "fp32", BATCH);

    dnnl_primitive_desc_iterator_t implementations;
    CHECK(dnnl_primitive_desc_iterator_create(&implementations, &forward, relu, engine, NULL));
    do {
        dnnl_primitive_desc_t fpd = dnnl_primitive_desc_iterator_fetch(implementations);
        const char *forward_name = name(fpd);
        if (strncmp(forward_name, "ref", 3) == 0 || strstr(forward_name, "gemm") != NULL) {
            dnnl_primitive_desc_destroy(fpd);
            continue;
        }
        dnnl_primitive_desc_t dpd, wpd;
        CHECK(dnnl_primitive_desc_create(&dpd, &backward_data, NULL, engine, fpd));
        CHECK(dnnl_primitive_desc_create(&wpd, &backward_weights, NULL, engine, fpd));
        dnnl_primitive_t fp, dp, wp;
        CHECK(dnnl_primitive_create(&fp, fpd));
        CHECK(dnnl_primitive_create(&dp, dpd));
        CHECK(dnnl_primitive_create(&wp, wpd));
        dnnl_memory_t w = filled(md(fpd, dnnl_query_weights_md)), w_data = filled(md(dpd, dnnl_query_weights_md));
        dnnl_memory_t b = filled(&bias), dw = filled(md(wpd, dnnl_query_diff_weights_md));
        dnnl_memory_t scratch[3] = {filled(md(fpd, dnnl_query_scratchpad_md)), filled(md(dpd, dnnl_query_scratchpad_md)),
                                    filled(md(wpd, dnnl_query_scratchpad_md))};
        dnnl_memory_t owned[CHUNKS][4];
        dnnl_exec_arg_t f_args[CHUNKS][6], d_args[CHUNKS][6], w_args[CHUNKS][6];
        for (int i = 0; i < CHUNKS; i++) {
            dnnl_memory_t x = filled(md(fpd, dnnl_query_src_md)), y = filled(md(fpd, dnnl_query_dst_md));
            dnnl_memory_t dx = filled(md(dpd, dnnl_query_diff_src_md)), dy = filled(md(dpd, dnnl_query_diff_dst_md));
            owned[i][0] = x, owned[i][1] = y, owned[i][2] = dx, owned[i][3] = dy;
            dnnl_exec_arg_t f[] = {{DNNL_ARG_SRC, x}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_BIAS, b}, {DNNL_ARG_DST, y},
                                   {DNNL_ARG_SCRATCHPAD, scratch[0]}};
            dnnl_exec_arg_t d[] = {{DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_WEIGHTS, w_data}, {DNNL_ARG_DIFF_SRC, dx},
                                   {DNNL_ARG_SCRATCHPAD, scratch[1]}};
            dnnl_exec_arg_t g[] = {{DNNL_ARG_SRC, x}, {DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_DIFF_WEIGHTS, dw},
                                   {DNNL_ARG_SCRATCHPAD, scratch[2]}};
            memcpy(f_args[i], f, sizeof f), memcpy(d_args[i], d, sizeof d), memcpy(w_args[i], g, sizeof g);
        }
        double tf = best_of(fp, 5, f_args), td = best_of(dp, 4, d_args), tw = best_of(wp, 4, w_args);
        printf("  forward %-26s %6.2f (%3.0f)  backward data %-26s %6.2f (%3.0f)  backward weights %-26s %6.2f (%3.0f)\n",
               forward_name, 1e3 * tf, gflop / tf, name(dpd), 1e3 * td, gflop / td, name(wpd), 1e3 * tw, gflop / tw);
        for (int i = 0; i < CHUNKS; i++)
            for (int k = 0; k < 4; k++) dnnl_memory_destroy(owned[i][k]);
        dnnl_memory_t shared[] = {w, w_data, b, dw, scratch[0], scratch[1], scratch[2]};
        for (int k = 0; k < 7; k++) dnnl_memory_destroy(shared[k]);
        dnnl_primitive_destroy(fp), dnnl_primitive_destroy(dp), dnnl_primitive_destroy(wp);
        dnnl_primitive_desc_destroy(fpd), dnnl_primitive_desc_destroy(dpd), dnnl_primitive_desc_destroy(wpd);
    } while (dnnl_primitive_desc_iterator_next(implementations) == dnnl_success);
    dnnl_primitive_desc_iterator_destroy(implementations);
    dnnl_post_ops_destroy(post_ops);
    dnnl_primitive_attr_destroy(relu);
}

int main(int argc, char **argv) {
    const char *precision = argc > 1 ? argv[1] : "bf16";
    if (strcmp(precision, "fp32") != 0 && strcmp(precision, "bf16") != 0) {
        fprintf(stderr, "conv_kernels: the precision must be fp32 or bf16, got '%s'\n", precision);
        return 2;
    }
    CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
    CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
    dnnl_data_type_t multiplied = strcmp(precision, "bf16") == 0 ? dnnl_bf16 : dnnl_f32;
    time_shape(multiplied, 3, 28, 1);   // conv2d: 28x28x3 -> 28x28x32, same padding
    time_shape(multiplied, 32, 28, 0);  // conv2d_1: 28x28x32 -> 26x26x32, valid
    dnnl_stream_destroy(stream);
    dnnl_engine_destroy(engine);
    return 0;
}
