import CDNNL

/// The three primitives of a layer with weights and bias (convolution, inner product) and the
/// memory plumbing they share: user buffers in plain layouts (activations NHWC / row-major,
/// weights in Keras' layout), copied into and out of whatever layout each primitive chose, only
/// where it differs (weights when oneDNN blocks them; activations too for Winograd convolutions).
final class DNNLWeightedOp {
    let forwardPrimitive: DNNLPrimitive
    let backwardDataPrimitive: DNNLPrimitive
    let backwardWeightsPrimitive: DNNLPrimitive
    private let bias: DNNLMemory, diffBias: DNNLMemory
    private let forwardWeights: LayoutBridge, backwardDataWeights: LayoutBridge, diffWeights: LayoutBridge
    /// Activations: forward's src and dst, backward data's diff_dst and diff_src, backward weights' src and diff_dst
    /// (the backward-weights bridges are the forward's / backward data's when the layouts agree).
    private let src: LayoutBridge, dst: LayoutBridge, diffDst: LayoutBridge, diffSrc: LayoutBridge
    private let weightsSrc: LayoutBridge, weightsDiffDst: LayoutBridge
    /// The user buffers whose copies the bridges of `src` and `weightsDiffDst` hold, so that backward weights
    /// reuses forward's copy of the same input and backward data the copy of the same gradient
    /// (only read when those bridges reorder; cleared by forward).
    private var pulledSrc: UnsafeRawPointer?, pulledDiffDst: UnsafeRawPointer?
    /// False when the backward-weights descriptor has no bias: the caller computes the bias gradient.
    private let backwardWeightsHasBias: Bool

    /// `forward`, `backwardData`, `backwardWeights` are the op descriptors (dnnl_*_desc_t values)
    /// built with weights in format `any` and activations in the user's plain layout, or `any` too (then
    /// `src`, `dst`, ... give the plain layouts of the user's buffers). `diffSrc`/`diffDst` default
    /// to `src`/`dst` (they differ in data type for bf16 convolutions: bf16 src and diff_dst, f32 dst and diff_src).
    /// `forwardImplementation`: the prefix of the forward kernel's name to prefer where oneDNN has it (`DNNLPrimitive`).
    init<Descriptor>(
        forward: Descriptor, backwardData: Descriptor, backwardWeights: Descriptor, forwardAttributes: dnnl_primitive_attr_t,
        src srcDesc: dnnl_memory_desc_t, dst dstDesc: dnnl_memory_desc_t, bias biasDesc: dnnl_memory_desc_t,
        diffSrc diffSrcDesc: dnnl_memory_desc_t? = nil, diffDst diffDstDesc: dnnl_memory_desc_t? = nil,
        userWeights: dnnl_memory_desc_t, backwardWeightsHasBias: Bool = true, forwardImplementation: String? = nil, what: String
    ) throws {
        self.backwardWeightsHasBias = backwardWeightsHasBias
        let plain = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(plain) }
        let fwd = try DNNLPrimitive(forward, attributes: forwardAttributes, hint: nil, preferring: forwardImplementation, what: "\(what) forward")
        forwardPrimitive = fwd
        let bwdData = try DNNLPrimitive(backwardData, attributes: plain, hint: fwd, what: "\(what) backward data")
        let bwdWeights = try DNNLPrimitive(backwardWeights, attributes: plain, hint: fwd, what: "\(what) backward weights")
        backwardDataPrimitive = bwdData
        backwardWeightsPrimitive = bwdWeights
        bias = try DNNLMemory(biasDesc, owned: false)
        diffBias = try DNNLMemory(biasDesc, owned: false)
        let diffSrcUser = diffSrcDesc ?? srcDesc, diffDstUser = diffDstDesc ?? dstDesc
        let source = try LayoutBridge(user: srcDesc, internal: fwd.chosen(dnnl_query_src_md), toInternal: true, toUser: false)
        src = source
        dst = try LayoutBridge(user: dstDesc, internal: fwd.chosen(dnnl_query_dst_md), toInternal: false, toUser: true)
        let gradient = try LayoutBridge(user: diffDstUser, internal: bwdData.chosen(dnnl_query_diff_dst_md), toInternal: true, toUser: false)
        diffDst = gradient
        diffSrc = try LayoutBridge(user: diffSrcUser, internal: bwdData.chosen(dnnl_query_diff_src_md), toInternal: false, toUser: true)
        let weightsSrcDesc = bwdWeights.chosen(dnnl_query_src_md), weightsDiffDstDesc = bwdWeights.chosen(dnnl_query_diff_dst_md)
        weightsSrc =
            descriptorsEqual(weightsSrcDesc, source.internalMemory.desc)
            ? source : try LayoutBridge(user: srcDesc, internal: weightsSrcDesc, toInternal: true, toUser: false)
        weightsDiffDst =
            descriptorsEqual(weightsDiffDstDesc, gradient.internalMemory.desc)
            ? gradient : try LayoutBridge(user: diffDstUser, internal: weightsDiffDstDesc, toInternal: true, toUser: false)
        let forwardBridge = try LayoutBridge(user: userWeights, internal: fwd.chosen(dnnl_query_weights_md), toInternal: true, toUser: false)
        forwardWeights = forwardBridge
        let backwardDataDesc = bwdData.chosen(dnnl_query_weights_md)
        // Backward data usually wants the forward layout: then one bridge serves both.
        backwardDataWeights =
            descriptorsEqual(backwardDataDesc, forwardBridge.internalMemory.desc)
            ? forwardBridge
            : try LayoutBridge(user: userWeights, internal: backwardDataDesc, toInternal: true, toUser: false)
        diffWeights = try LayoutBridge(
            user: userWeights, internal: bwdWeights.chosen(dnnl_query_diff_weights_md),
            toInternal: false, toUser: true)
    }

    /// `input` (and `gradOutput` below) in the data type of the op's src (diff_dst) descriptor.
    func forward(input: UnsafeRawPointer, weights: UnsafePointer<Float>, bias b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        bias.bind(b)
        let x = src.pullIn(input), y = dst.target(output), w = forwardWeights.pullIn(weights)
        pulledSrc = input
        pulledDiffDst = nil
        forwardPrimitive.execute([(DNNLArg.src, x), (DNNLArg.weights, w), (DNNLArg.bias, bias), (DNNLArg.dst, y)])
        dst.pushOut()
    }

    func backwardData(gradOutput: UnsafeRawPointer, weights: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        let reuse = diffDst === weightsDiffDst && pulledDiffDst == gradOutput
        let dy = reuse ? diffDst.internalMemory : diffDst.pullIn(gradOutput)
        pulledDiffDst = nil
        let dx = diffSrc.target(gradInput), w = backwardDataWeights.pullIn(weights)
        backwardDataPrimitive.execute([(DNNLArg.diffDst, dy), (DNNLArg.weights, w), (DNNLArg.diffSrc, dx)])
        diffSrc.pushOut()
    }

    /// Writes gradWeights, and gradBias unless the op was built with `backwardWeightsHasBias: false`.
    /// `input` is normally the last forward's (its copy is reused then).
    func backwardWeights(
        input: UnsafeRawPointer, gradOutput: UnsafeRawPointer,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        let x = weightsSrc === src && pulledSrc == input ? src.internalMemory : weightsSrc.pullIn(input)
        let dy = weightsDiffDst.pullIn(gradOutput)
        pulledDiffDst = gradOutput
        let dw = diffWeights.target(gradWeights)
        if backwardWeightsHasBias {
            diffBias.bind(gradBias)
            backwardWeightsPrimitive.execute([(DNNLArg.src, x), (DNNLArg.diffDst, dy), (DNNLArg.diffWeights, dw), (DNNLArg.diffBias, diffBias)])
        } else {
            backwardWeightsPrimitive.execute([(DNNLArg.src, x), (DNNLArg.diffDst, dy), (DNNLArg.diffWeights, dw)])
        }
        diffWeights.pushOut()
    }

    /// `backwardWeights` and `backwardData` of the same gradient at once: the inputs are bound here, then the
    /// two primitives run on two threads when the caller has two (`ChunkWorkers`), each writing its own
    /// result. Each pass is the same one-thread primitive as alone, so the bits are those of the two calls.
    func backward(
        input: UnsafeRawPointer, gradOutput: UnsafeRawPointer, weights: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>, gradInput: UnsafeMutablePointer<Float>
    ) {
        let x = weightsSrc === src && pulledSrc == input ? src.internalMemory : weightsSrc.pullIn(input)
        let dyWeights = weightsDiffDst.pullIn(gradOutput)
        let dyData = diffDst === weightsDiffDst ? dyWeights : diffDst.pullIn(gradOutput)
        let w = backwardDataWeights.pullIn(weights)
        pulledDiffDst = nil
        if backwardWeightsHasBias { diffBias.bind(gradBias) }
        // A result's target and copy-out stay on the thread that runs its pass (they may use its scratch buffer).
        ChunkWorkers.run(2) { pass in
            if pass == 0 {
                let dw = diffWeights.target(gradWeights)
                var arguments = [(DNNLArg.src, x), (DNNLArg.diffDst, dyWeights), (DNNLArg.diffWeights, dw)]
                if backwardWeightsHasBias { arguments.append((DNNLArg.diffBias, diffBias)) }
                backwardWeightsPrimitive.execute(arguments)
                diffWeights.pushOut()
            } else {
                let dx = diffSrc.target(gradInput)
                backwardDataPrimitive.execute([(DNNLArg.diffDst, dyData), (DNNLArg.weights, w), (DNNLArg.diffSrc, dx)])
                diffSrc.pushOut()
            }
        }
    }

    /// oneDNN's implementation names (e.g. "jit:avx2") for forward, backward data and backward weights.
    var implementationNames: [String] {
        [forwardPrimitive, backwardDataPrimitive, backwardWeightsPrimitive].map(\.implementationName)
    }
}
