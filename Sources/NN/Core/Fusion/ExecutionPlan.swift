/// How a `Sequential` runs its layers, worked out once when it is built (and again when a fusion
/// option changes): one step per layer, except that passes walking the same buffers are fused.
/// - Conv2D(relu) then MaxPooling2D: the pooling's backward applies the ReLU's mask as it routes the
///   gradient (`fusesReLUMasks`), and with `fusesPoolingIntoConvolutions` both run as one
///   `ConvPooling` step, chunk by chunk.
/// - Conv2D(relu) then Conv2D: the upper convolution's backward data applies the lower one's ReLU
///   mask to each chunk of the gradient it has just written (`fusesReLUMasks`); in bf16 the lower
///   convolution's backward weights applies it instead, in its bias-sum pass.
/// A convolution whose mask the layer above applies skips its own ReLU backward. Every step runs the
/// kernels the layers would run apart, in the same order: the same values (tests check it).
struct ExecutionPlan {
    struct Step {
        /// What runs: one of the model's layers, or a fused layer standing for several.
        let layer: any Layer
        /// Indices of the model's layers this step runs.
        let layers: ClosedRange<Int>
        /// Set for a fused step.
        let fused: (any FusedLayer)?
        /// A reshaping layer below the last layer: its output is the buffer below it and its input
        /// gradient the buffer above it (nothing runs, nothing is copied).
        let sharesBuffers: Bool
        /// Profile names of the step's passes; nil when the layer times its own parts.
        let forwardName: String
        let backwardName: String?
    }

    let steps: [Step]
    /// Per layer, the step that runs it.
    let stepOfLayer: [Int]
    /// The last layer when it keeps logits.
    let head: (any LogitKeepingLayer)?
    /// Indices of the layers that end in a ReLU.
    let reluLayers: [Int]
    /// Layers that time their own parts into the model's profile.
    let profiledLayers: [any ProfiledLayer]
    /// Per layer: its ReLU mask is applied by the layer above, so no gradient may be added at its output.
    let maskedAbove: [Bool]

    /// Plans `layers`, built with per-sample output shapes `shapes`, and sets on them the masks
    /// their neighbours apply.
    init(layers: [any Layer], shapes: [[Int]], fusesReLUMasks: Bool, fusesPoolingIntoConvolutions: Bool) {
        var masked = [Bool](repeating: false, count: layers.count)
        var poolsIntoConv = Set<Int>()
        for (i, (below, above)) in zip(layers, layers.dropFirst()).enumerated() {
            guard let conv = below as? Conv2D, conv.activation == .relu else { continue }
            if let pool = above as? MaxPooling2D {
                pool.backwardAppliesReLUMask = fusesReLUMasks
                // The pooling's backward writes the ReLU's gradient, so it can run per chunk inside the convolution's.
                if fusesReLUMasks && fusesPoolingIntoConvolutions { poolsIntoConv.insert(i) }
            } else if let upper = above as? Conv2D {
                upper.masksInputGradientByReLU = fusesReLUMasks
                conv.reluMaskOfConvolutionAbove = fusesReLUMasks
            } else {
                continue
            }
            conv.reluMaskAppliedAbove = fusesReLUMasks
            masked[i] = fusesReLUMasks
        }
        var steps: [Step] = [], stepOfLayer: [Int] = []
        var i = 0
        while i < layers.count {
            let layer = layers[i]
            if poolsIntoConv.contains(i), let conv = layer as? Conv2D, let pool = layers[i + 1] as? MaxPooling2D {
                let fused = ConvPooling(conv, pool, convShape: shapes[i], pooledShape: shapes[i + 1])
                steps.append(
                    Step(
                        layer: fused, layers: i...(i + 1), fused: fused, sharesBuffers: false,
                        forwardName: "\(conv.name) forward + \(pool.name) forward", backwardName: nil))
                stepOfLayer += [steps.count - 1, steps.count - 1]
                i += 2
                continue
            }
            steps.append(
                Step(
                    layer: layer, layers: i...i, fused: nil, sharesBuffers: layer is any ReshapingLayer && i < layers.count - 1,
                    forwardName: "\(layer.name) forward", backwardName: layer is any ProfiledLayer ? nil : "\(layer.name) backward"))
            stepOfLayer.append(steps.count - 1)
            i += 1
        }
        self.steps = steps
        self.stepOfLayer = stepOfLayer
        head = layers.last as? any LogitKeepingLayer
        reluLayers = layers.indices.filter { (layers[$0] as? any ActivatedLayer)?.activation == .relu }
        profiledLayers = layers.compactMap { $0 as? any ProfiledLayer }
        maskedAbove = masked
    }
}
