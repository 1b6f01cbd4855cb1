import CDNNL

/// Fully connected layer on oneDNN's inner product. Inputs/outputs are plain row-major;
/// weights use the layout oneDNN prefers (reordered from Keras' [in, out] when it differs).
/// Each pass runs on one thread (like every oneDNN primitive here), so its sums (5408 long in the
/// seed CNN) have one order; `backward` runs the two backward passes side by side on two threads.
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

    func backward(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>, gradInput: UnsafeMutablePointer<Float>
    ) {
        // Waking a second thread costs ~0.1 ms (seed CNN's 10 -> 1 layer: 0.03 ms alone, 0.16 ms on two threads;
        // AMD EPYC Zen 4): only layers of at least a million multiply-adds per batch run their passes side by side.
        if Double(config.batch * config.inFeatures * config.outFeatures) >= 1e6 {
            op.backward(input: input, gradOutput: gradOutput, weights: weights, gradWeights: gradWeights, gradBias: gradBias, gradInput: gradInput)
        } else {
            backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias)
            backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput)
        }
    }
}
