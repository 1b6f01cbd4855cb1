import CDNNL

/// Fully connected layer on oneDNN's inner product. Inputs/outputs are plain row-major;
/// weights use the layout oneDNN prefers (reordered from Keras' [in, out] when it differs).
/// Runs on one thread (like every oneDNN primitive here): the layer costs well under a
/// millisecond per seed-CNN batch, and its sums (5408 long there) have one order.
final class DNNLDense: DenseKernel {
    let config: DenseConfig
    private let op: DNNLWeightedOp

    init(_ c: DenseConfig) throws {
        config = c
        op = try DNNLDense.makeOp(c)
    }

    private static func makeOp(_ c: DenseConfig) throws -> DNNLWeightedOp {
        let what = "dense \(c.inFeatures) -> \(c.outFeatures), batch \(c.batch)"
        let srcDesc = try memoryDesc([c.batch, c.inFeatures], dnnl_nc)
        let dstDesc = try memoryDesc([c.batch, c.outFeatures], dnnl_nc)
        var anyWeights = try memoryDesc([c.outFeatures, c.inFeatures], dnnl_format_tag_any)
        var biasDesc = try memoryDesc([c.outFeatures], dnnl_x)
        var s = srcDesc, d = dstDesc
        var fwd = dnnl_inner_product_desc_t(), bwdData = dnnl_inner_product_desc_t(), bwdWeights = dnnl_inner_product_desc_t()
        try dnnlCheck(dnnl_inner_product_forward_desc_init(&fwd, dnnl_forward_training, &s, &anyWeights, &biasDesc, &d), "\(what): forward desc")
        try dnnlCheck(dnnl_inner_product_backward_data_desc_init(&bwdData, &s, &anyWeights, &d), "\(what): backward data desc")
        try dnnlCheck(dnnl_inner_product_backward_weights_desc_init(&bwdWeights, &s, &anyWeights, &biasDesc, &d), "\(what): backward weights desc")
        let attributes = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(attributes) }
        return try DNNLWeightedOp(
            forward: fwd, backwardData: bwdData, backwardWeights: bwdWeights, forwardAttributes: attributes,
            src: srcDesc, dst: dstDesc, bias: biasDesc,
            userWeights: try memoryDesc([c.outFeatures, c.inFeatures], dnnl_io), what: what)
    }

    func forward(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        op.forward(input: input, weights: weights, bias: bias, output: output)
    }

    func backwardData(gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        op.backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput)
    }

    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        op.backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias)
    }
}
