import CDNNL

/// The three primitives of a layer with weights and bias (convolution, inner product) and the
/// memory plumbing they share: plain user buffers for activations and bias, user weights in
/// Keras' layout reordered into whatever layout each primitive chose (only when it differs).
final class DNNLWeightedOp {
    let forwardPrimitive: DNNLPrimitive
    let backwardDataPrimitive: DNNLPrimitive
    let backwardWeightsPrimitive: DNNLPrimitive
    private let src: DNNLMemory, dst: DNNLMemory, bias: DNNLMemory
    private let diffSrc: DNNLMemory, diffDst: DNNLMemory, diffBias: DNNLMemory
    private let forwardWeights: LayoutBridge, backwardDataWeights: LayoutBridge, diffWeights: LayoutBridge
    /// False when the backward-weights descriptor has no bias: the caller computes the bias gradient.
    private let backwardWeightsHasBias: Bool

    /// `forward`, `backwardData`, `backwardWeights` are the op descriptors (dnnl_*_desc_t values)
    /// built with `src`/`dst` in plain layouts and weights in format `any`. `diffSrc`/`diffDst` default
    /// to `src`/`dst` (they differ in data type for bf16 convolutions: bf16 src and diff_dst, f32 dst and diff_src).
    init<Descriptor>(forward: Descriptor, backwardData: Descriptor, backwardWeights: Descriptor, forwardAttributes: dnnl_primitive_attr_t,
                     src srcDesc: dnnl_memory_desc_t, dst dstDesc: dnnl_memory_desc_t, bias biasDesc: dnnl_memory_desc_t,
                     diffSrc diffSrcDesc: dnnl_memory_desc_t? = nil, diffDst diffDstDesc: dnnl_memory_desc_t? = nil,
                     userWeights: dnnl_memory_desc_t, backwardWeightsHasBias: Bool = true, what: String) throws {
        self.backwardWeightsHasBias = backwardWeightsHasBias
        let plain = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(plain) }
        let fwd = try DNNLPrimitive(forward, attributes: forwardAttributes, hint: nil, what: "\(what) forward")
        forwardPrimitive = fwd
        backwardDataPrimitive = try DNNLPrimitive(backwardData, attributes: plain, hint: fwd, what: "\(what) backward data")
        backwardWeightsPrimitive = try DNNLPrimitive(backwardWeights, attributes: plain, hint: fwd, what: "\(what) backward weights")
        for (chosen, expected, name) in [(fwd.chosen(dnnl_query_src_md), srcDesc, "src"), (fwd.chosen(dnnl_query_dst_md), dstDesc, "dst")] {
            if !descriptorsEqual(chosen, expected) { throw BackendError("\(what): oneDNN changed the \(name) layout") }
        }
        src = try DNNLMemory(srcDesc, owned: false)
        dst = try DNNLMemory(dstDesc, owned: false)
        bias = try DNNLMemory(biasDesc, owned: false)
        diffSrc = try DNNLMemory(diffSrcDesc ?? srcDesc, owned: false)
        diffDst = try DNNLMemory(diffDstDesc ?? dstDesc, owned: false)
        diffBias = try DNNLMemory(biasDesc, owned: false)
        let forwardBridge = try LayoutBridge(user: userWeights, internal: fwd.chosen(dnnl_query_weights_md), toInternal: true, toUser: false)
        forwardWeights = forwardBridge
        let backwardDataDesc = backwardDataPrimitive.chosen(dnnl_query_weights_md)
        // Backward data usually wants the forward layout: then one bridge serves both.
        backwardDataWeights = descriptorsEqual(backwardDataDesc, forwardBridge.internalMemory.desc)
            ? forwardBridge
            : try LayoutBridge(user: userWeights, internal: backwardDataDesc, toInternal: true, toUser: false)
        diffWeights = try LayoutBridge(user: userWeights, internal: backwardWeightsPrimitive.chosen(dnnl_query_diff_weights_md),
                                       toInternal: false, toUser: true)
    }

    /// `input` (and `gradOutput` below) in the data type of the op's src (diff_dst) descriptor.
    func forward(input: UnsafeRawPointer, weights: UnsafePointer<Float>, bias b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        src.bind(input); bias.bind(b); dst.bind(output)
        let w = forwardWeights.pullIn(weights)
        forwardPrimitive.execute([(DNNLArg.src, src), (DNNLArg.weights, w), (DNNLArg.bias, bias), (DNNLArg.dst, dst)])
    }

    func backwardData(gradOutput: UnsafeRawPointer, weights: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        diffDst.bind(gradOutput); diffSrc.bind(gradInput)
        let w = backwardDataWeights.pullIn(weights)
        backwardDataPrimitive.execute([(DNNLArg.diffDst, diffDst), (DNNLArg.weights, w), (DNNLArg.diffSrc, diffSrc)])
    }

    /// Writes gradWeights, and gradBias unless the op was built with `backwardWeightsHasBias: false`.
    func backwardWeights(input: UnsafeRawPointer, gradOutput: UnsafeRawPointer,
                         gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>) {
        src.bind(input); diffDst.bind(gradOutput)
        let dw = diffWeights.target(gradWeights)
        if backwardWeightsHasBias {
            diffBias.bind(gradBias)
            backwardWeightsPrimitive.execute([(DNNLArg.src, src), (DNNLArg.diffDst, diffDst), (DNNLArg.diffWeights, dw), (DNNLArg.diffBias, diffBias)])
        } else {
            backwardWeightsPrimitive.execute([(DNNLArg.src, src), (DNNLArg.diffDst, diffDst), (DNNLArg.diffWeights, dw)])
        }
        diffWeights.pushOut()
    }

    /// oneDNN's implementation names (e.g. "jit:avx2") for forward, backward data and backward weights.
    var implementationNames: [String] {
        [forwardPrimitive, backwardDataPrimitive, backwardWeightsPrimitive].map(\.implementationName)
    }
}
