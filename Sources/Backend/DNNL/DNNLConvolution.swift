import CDNNL

/// 2-D convolution on oneDNN. Activations stay in the caller's NHWC buffers (oneDNN's
/// JIT kernels read and write NHWC directly); weights are reordered into the layout
/// oneDNN prefers once per forward call (they change after every optimizer step) and
/// that copy is reused by `backwardData`. The ReLU is fused as a post-op.
final class DNNLConv2D: Conv2DKernel {
    let config: Conv2DConfig
    private let forwardPrimitive: DNNLPrimitive
    private let backwardDataPrimitive: DNNLPrimitive
    private let backwardWeightsPrimitive: DNNLPrimitive
    private let src: DNNLMemory, dst: DNNLMemory, bias: DNNLMemory
    private let diffSrc: DNNLMemory, diffDst: DNNLMemory, diffBias: DNNLMemory
    private let forwardWeights: LayoutBridge
    private let backwardDataWeights: LayoutBridge
    private let diffWeights: LayoutBridge

    init(_ c: Conv2DConfig) throws {
        config = c
        let what = "conv2D \(c.height)x\(c.width)x\(c.inChannels) -> \(c.outChannels), k=\(c.kernelSize), batch \(c.batch)"
        let srcDesc = try memoryDesc([c.batch, c.inChannels, c.height, c.width], dnnl_nhwc)
        let dstDesc = try memoryDesc([c.batch, c.outChannels, c.outHeight, c.outWidth], dnnl_nhwc)
        let weightDims = [c.outChannels, c.inChannels, c.kernelSize, c.kernelSize]
        let userWeights = try memoryDesc(weightDims, dnnl_hwio)
        var anyWeights = try memoryDesc(weightDims, dnnl_format_tag_any)
        var biasDesc = try memoryDesc([c.outChannels], dnnl_x)
        let strides: [Int64] = [1, 1]
        let padL: [Int64] = [Int64(c.padBefore), Int64(c.padBefore)]
        let padR: [Int64] = [Int64(c.padAfter), Int64(c.padAfter)]
        var s = srcDesc, d = dstDesc

        var fwd = dnnl_convolution_desc_t()
        try dnnlCheck(dnnl_convolution_forward_desc_init(&fwd, dnnl_forward_training, dnnl_convolution_direct,
                                                         &s, &anyWeights, &biasDesc, &d, strides, padL, padR), "\(what): forward desc")
        let fwdAttr = try DNNLPrimitive.userScratchpadAttributes(reluPostOp: c.fuseReLU)
        defer { dnnl_primitive_attr_destroy(fwdAttr) }
        let forwardPrimitiveLocal = try DNNLPrimitive(fwd, attributes: fwdAttr, hint: nil, what: "\(what) forward")
        forwardPrimitive = forwardPrimitiveLocal

        var bwdD = dnnl_convolution_desc_t()
        try dnnlCheck(dnnl_convolution_backward_data_desc_init(&bwdD, dnnl_convolution_direct, &s, &anyWeights, &d,
                                                               strides, padL, padR), "\(what): backward data desc")
        let plainAttr = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(plainAttr) }
        let backwardDataPrimitiveLocal = try DNNLPrimitive(bwdD, attributes: plainAttr, hint: forwardPrimitiveLocal, what: "\(what) backward data")
        backwardDataPrimitive = backwardDataPrimitiveLocal

        var bwdW = dnnl_convolution_desc_t()
        try dnnlCheck(dnnl_convolution_backward_weights_desc_init(&bwdW, dnnl_convolution_direct, &s, &anyWeights, &biasDesc, &d,
                                                                  strides, padL, padR), "\(what): backward weights desc")
        let backwardWeightsPrimitiveLocal = try DNNLPrimitive(bwdW, attributes: plainAttr, hint: forwardPrimitiveLocal, what: "\(what) backward weights")
        backwardWeightsPrimitive = backwardWeightsPrimitiveLocal

        src = try DNNLMemory(srcDesc, owned: false)
        dst = try DNNLMemory(dstDesc, owned: false)
        bias = try DNNLMemory(biasDesc, owned: false)
        diffSrc = try DNNLMemory(srcDesc, owned: false)
        diffDst = try DNNLMemory(dstDesc, owned: false)
        diffBias = try DNNLMemory(biasDesc, owned: false)
        forwardWeights = try LayoutBridge(user: userWeights, internal: forwardPrimitive.chosen(dnnl_query_weights_md),
                                          toInternal: true, toUser: false)
        let bwdDataWeightsDesc = backwardDataPrimitive.chosen(dnnl_query_weights_md)
        // Backward data usually wants the forward layout: then reuse the forward copy.
        backwardDataWeights = descriptorsEqual(bwdDataWeightsDesc, forwardWeights.internalMemory.desc)
            ? forwardWeights
            : try LayoutBridge(user: userWeights, internal: bwdDataWeightsDesc, toInternal: true, toUser: false)
        diffWeights = try LayoutBridge(user: userWeights, internal: backwardWeightsPrimitive.chosen(dnnl_query_diff_weights_md),
                                       toInternal: false, toUser: true)
        for (chosen, expected, name) in [(forwardPrimitive.chosen(dnnl_query_src_md), srcDesc, "src"),
                                         (forwardPrimitive.chosen(dnnl_query_dst_md), dstDesc, "dst")] {
            if !descriptorsEqual(chosen, expected) { throw BackendError("\(what): oneDNN changed the \(name) layout") }
        }
    }

    func forward(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias b: UnsafePointer<Float>,
                 output: UnsafeMutablePointer<Float>) {
        src.bind(input); bias.bind(b); dst.bind(output)
        let w = forwardWeights.pullIn(weights)
        forwardPrimitive.execute([(DNNLArg.src, src), (DNNLArg.weights, w), (DNNLArg.bias, bias), (DNNLArg.dst, dst)])
    }

    func backwardData(gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        diffDst.bind(gradOutput); diffSrc.bind(gradInput)
        let w = backwardDataWeights.pullIn(weights)
        backwardDataPrimitive.execute([(DNNLArg.diffDst, diffDst), (DNNLArg.weights, w), (DNNLArg.diffSrc, diffSrc)])
    }

    func backwardWeights(input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
                         gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>) {
        src.bind(input); diffDst.bind(gradOutput); diffBias.bind(gradBias)
        let dw = diffWeights.target(gradWeights)
        backwardWeightsPrimitive.execute([(DNNLArg.src, src), (DNNLArg.diffDst, diffDst),
                                          (DNNLArg.diffWeights, dw), (DNNLArg.diffBias, diffBias)])
        diffWeights.pushOut()
    }

    /// oneDNN's implementation names (e.g. "jit:avx2") for forward, backward data and backward weights.
    var implementationNames: [String] {
        [forwardPrimitive, backwardDataPrimitive, backwardWeightsPrimitive].map { $0.implementationName }
    }
}
