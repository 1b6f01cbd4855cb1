import CDNNL

/// Fully connected layer on oneDNN's inner product. Inputs/outputs are plain row-major;
/// weights use the layout oneDNN prefers (reordered from Keras' [in, out] when it differs).
final class DNNLDense: DenseKernel {
    let config: DenseConfig
    private let forwardPrimitive: DNNLPrimitive
    private let backwardDataPrimitive: DNNLPrimitive
    private let backwardWeightsPrimitive: DNNLPrimitive
    private let src: DNNLMemory, dst: DNNLMemory, bias: DNNLMemory
    private let diffSrc: DNNLMemory, diffDst: DNNLMemory, diffBias: DNNLMemory
    private let forwardWeights: LayoutBridge, backwardDataWeights: LayoutBridge, diffWeights: LayoutBridge

    init(_ c: DenseConfig) throws {
        config = c
        let what = "dense \(c.inFeatures) -> \(c.outFeatures), batch \(c.batch)"
        let srcDesc = try memoryDesc([c.batch, c.inFeatures], dnnl_nc)
        let dstDesc = try memoryDesc([c.batch, c.outFeatures], dnnl_nc)
        let userWeights = try memoryDesc([c.outFeatures, c.inFeatures], dnnl_io)
        var anyWeights = try memoryDesc([c.outFeatures, c.inFeatures], dnnl_format_tag_any)
        var biasDesc = try memoryDesc([c.outFeatures], dnnl_x)
        var s = srcDesc, d = dstDesc
        let attr = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(attr) }

        var fwd = dnnl_inner_product_desc_t()
        try dnnlCheck(dnnl_inner_product_forward_desc_init(&fwd, dnnl_forward_training, &s, &anyWeights, &biasDesc, &d), "\(what): forward desc")
        let forwardPrimitiveLocal = try DNNLPrimitive(fwd, attributes: attr, hint: nil, what: "\(what) forward")
        forwardPrimitive = forwardPrimitiveLocal
        var bwdD = dnnl_inner_product_desc_t()
        try dnnlCheck(dnnl_inner_product_backward_data_desc_init(&bwdD, &s, &anyWeights, &d), "\(what): backward data desc")
        let backwardDataPrimitiveLocal = try DNNLPrimitive(bwdD, attributes: attr, hint: forwardPrimitiveLocal, what: "\(what) backward data")
        backwardDataPrimitive = backwardDataPrimitiveLocal
        var bwdW = dnnl_inner_product_desc_t()
        try dnnlCheck(dnnl_inner_product_backward_weights_desc_init(&bwdW, &s, &anyWeights, &biasDesc, &d), "\(what): backward weights desc")
        let backwardWeightsPrimitiveLocal = try DNNLPrimitive(bwdW, attributes: attr, hint: forwardPrimitiveLocal, what: "\(what) backward weights")
        backwardWeightsPrimitive = backwardWeightsPrimitiveLocal

        src = try DNNLMemory(srcDesc, owned: false)
        dst = try DNNLMemory(dstDesc, owned: false)
        bias = try DNNLMemory(biasDesc, owned: false)
        diffSrc = try DNNLMemory(srcDesc, owned: false)
        diffDst = try DNNLMemory(dstDesc, owned: false)
        diffBias = try DNNLMemory(biasDesc, owned: false)
        forwardWeights = try LayoutBridge(user: userWeights, internal: forwardPrimitive.chosen(dnnl_query_weights_md), toInternal: true, toUser: false)
        let bwdDataWeightsDesc = backwardDataPrimitive.chosen(dnnl_query_weights_md)
        backwardDataWeights = descriptorsEqual(bwdDataWeightsDesc, forwardWeights.internalMemory.desc)
            ? forwardWeights
            : try LayoutBridge(user: userWeights, internal: bwdDataWeightsDesc, toInternal: true, toUser: false)
        diffWeights = try LayoutBridge(user: userWeights, internal: backwardWeightsPrimitive.chosen(dnnl_query_diff_weights_md), toInternal: false, toUser: true)
        for (chosen, expected, name) in [(forwardPrimitive.chosen(dnnl_query_src_md), srcDesc, "src"),
                                         (forwardPrimitive.chosen(dnnl_query_dst_md), dstDesc, "dst")] {
            if !descriptorsEqual(chosen, expected) { throw BackendError("\(what): oneDNN changed the \(name) layout") }
        }
    }

    func forward(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
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
        backwardWeightsPrimitive.execute([(DNNLArg.src, src), (DNNLArg.diffDst, diffDst), (DNNLArg.diffWeights, dw), (DNNLArg.diffBias, diffBias)])
        diffWeights.pushOut()
    }
}
