import CDNNL

/// 2-D convolution on oneDNN. Activations stay in the caller's NHWC buffers (oneDNN's
/// JIT kernels read and write NHWC directly); weights are reordered into the layout
/// oneDNN prefers on each forward call (they change after every optimizer step) and
/// for backward data. The ReLU is fused as a post-op.
final class DNNLConv2D: Conv2DKernel {
    let config: Conv2DConfig
    private let op: DNNLWeightedOp

    init(_ c: Conv2DConfig) throws {
        config = c
        let what = "conv2D \(c.height)x\(c.width)x\(c.inChannels) -> \(c.outChannels), k=\(c.kernelSize), batch \(c.batch)"
        let srcDesc = try memoryDesc([c.batch, c.inChannels, c.height, c.width], dnnl_nhwc)
        let dstDesc = try memoryDesc([c.batch, c.outChannels, c.outHeight, c.outWidth], dnnl_nhwc)
        let weightDims = [c.outChannels, c.inChannels, c.kernelSize, c.kernelSize]
        var anyWeights = try memoryDesc(weightDims, dnnl_format_tag_any)
        var biasDesc = try memoryDesc([c.outChannels], dnnl_x)
        let strides: [Int64] = [1, 1]
        let padL: [Int64] = [Int64(c.padBefore), Int64(c.padBefore)]
        let padR: [Int64] = [Int64(c.padAfter), Int64(c.padAfter)]
        var s = srcDesc, d = dstDesc
        var fwd = dnnl_convolution_desc_t(), bwdData = dnnl_convolution_desc_t(), bwdWeights = dnnl_convolution_desc_t()
        try dnnlCheck(dnnl_convolution_forward_desc_init(&fwd, dnnl_forward_training, dnnl_convolution_direct,
                                                         &s, &anyWeights, &biasDesc, &d, strides, padL, padR), "\(what): forward desc")
        try dnnlCheck(dnnl_convolution_backward_data_desc_init(&bwdData, dnnl_convolution_direct, &s, &anyWeights, &d,
                                                               strides, padL, padR), "\(what): backward data desc")
        // No bias here: its gradient is a channel sum, done by `ChannelSums` (much faster than oneDNN 2.6's loop).
        try dnnlCheck(dnnl_convolution_backward_weights_desc_init(&bwdWeights, dnnl_convolution_direct, &s, &anyWeights, nil, &d,
                                                                  strides, padL, padR), "\(what): backward weights desc")
        let attributes = try DNNLPrimitive.userScratchpadAttributes(reluPostOp: c.fuseReLU)
        defer { dnnl_primitive_attr_destroy(attributes) }
        op = try DNNLWeightedOp(forward: fwd, backwardData: bwdData, backwardWeights: bwdWeights, forwardAttributes: attributes,
                                src: srcDesc, dst: dstDesc, bias: biasDesc, userWeights: try memoryDesc(weightDims, dnnl_hwio), backwardWeightsHasBias: false, what: what)
    }

    func forward(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        op.forward(input: input, weights: weights, bias: bias, output: output)
    }

    func backwardData(gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        op.backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput)
    }

    func backwardWeights(input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
                         gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>) {
        op.backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias)
        let pixels = config.outHeight * config.outWidth
        ChannelSums.sum(gradOutput, rows: config.batch * pixels, channels: config.outChannels, rowsPerGroup: pixels, into: gradBias)
    }

    /// oneDNN's implementation names (e.g. "jit:avx2") for forward, backward data and backward weights.
    var implementationNames: [String] { op.implementationNames }
}
