import Backend
import Tensor

/// A stack of layers applied one after the other (Keras `Sequential`). Building allocates
/// every activation and gradient buffer once; steps allocate nothing.
public final class Sequential: LayeredModel {
    public let name: String
    public let layers: [Layer]
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Per-sample output shape of each layer.
    public let layerShapes: [[Int]]
    public let parameters: [Parameter]
    /// The model's flat weight and gradient buffers (a view of an augmented model's joint buffers once one embeds this model).
    public let store: ParameterStore
    /// Per layer, its output and output gradient buffers (a fused step keeps its lower layer's itself).
    private var outputs: [FloatBuffer]
    private var gradients: [FloatBuffer]
    /// The steps that run the layers (see `ExecutionPlan`).
    private var plan: ExecutionPlan
    private var lastInput: UnsafePointer<Float>?
    /// dLoss/dInput of the last backward pass, when `computesInputGradient`.
    private let inputGradientBuffer = FloatBuffer()
    private var inputGradientPointer: UnsafePointer<Float>?
    private var lastBatchSize = 0
    /// The ReLU layers' outputs for batches of `reluViewsBatchSize` samples (rebuilt when it changes).
    private var reluViews: [ReLULayerOutput] = []
    private var reluViewsBatchSize = 0
    /// When the gradient reaching a layer's output is exactly zero (e.g. every ReLU of a layer is
    /// dead, the "stuck at loss 1.0" start), every gradient below it is exactly zero too: backward
    /// then writes those zeros instead of running the layers' backward passes. The result is the
    /// same bits either way (a test checks it); set false to always run every backward pass.
    public var skipsZeroGradientBranches = true
    /// When set, every layer's forward and backward pass is timed into it (`one-neuron bench --profile`);
    /// layers that time their own parts (`ProfiledLayer`, e.g. Conv2D) get it too.
    public var profile: OpProfile? {
        didSet { for layer in plan.profiledLayers { layer.profile = profile } }
    }
    /// When set, backward also computes dLoss/dInput (`inputGradient`): a GAN's generator is trained
    /// through its discriminator's input gradient. Off by default: the first layer's input gradient
    /// then costs nothing (its backward data pass is not run).
    public var computesInputGradient = false {
        didSet { inputGradientPointer = nil }
    }

    /// dLoss/dInput of the last backward pass (`batchSize` inputs of `inputShape`), when
    /// `computesInputGradient` is set; valid until the next backward pass.
    public var inputGradient: UnsafePointer<Float>? { computesInputGradient ? inputGradientPointer : nil }

    /// Conv2D(relu) then MaxPooling2D: the pool's backward applies the ReLU's mask as it routes the
    /// gradient, one pass over the convolution's output instead of two. Conv2D(relu) then Conv2D: the
    /// upper convolution's backward data applies it to each chunk of the gradient it has just written.
    /// Same values either way (a test checks it). A convolution whose ReLUs are all dead then shows as
    /// a gradient block at the layer above it. Set false to run the passes apart.
    public var fusesReLUMasks = true {
        didSet { replan() }
    }

    /// Conv2D(relu) then MaxPooling2D, with the ReLU mask fused: both run as one step, the pooling's forward
    /// on each chunk of samples right after the convolution wrote it, and its backward (which writes the
    /// chunk's output gradient) right before the chunk's backward weights, while the data is in cache; same
    /// values (a test checks it). The profile then shows them inside the convolution's passes. Set false to run them apart.
    public var fusesPoolingIntoConvolutions = true {
        didSet { replan() }
    }

    /// Builds the layers for per-sample `inputShape`, naming unnamed layers Keras-style and
    /// each weight "layer/weight". Throws a shape error naming the first layer that cannot take its input.
    public init(
        _ layers: [Layer], inputShape: [Int], name: String = "sequential",
        backend: any ComputeBackend = DNNLBackend()
    ) throws {
        guard !layers.isEmpty else { throw ModelError.noLayers }
        self.name = name
        self.layers = layers
        self.inputShape = inputShape
        var taken = Set<String>()
        for layer in layers {
            layer.name = uniqueLayerName(layer.name, taken: taken)
            taken.insert(layer.name)
        }
        let context = BuildContext(backend: backend)
        var shape = inputShape, shapes: [[Int]] = []
        for layer in layers {
            shape = try layer.build(inputShape: shape, context: context)
            shapes.append(shape)
        }
        layerShapes = shapes
        outputShape = shape
        parameters = layers.flatMap { $0.parameters }
        // Like Keras, a built model has initialised weights (seed 0); a Trainer re-initialises from its own seed.
        store = try ParameterStore(layers.flatMap { $0.weights })
        var generator = SeededGenerator(seed: 0)
        store.initialize(using: &generator)
        outputs = layers.map { _ in FloatBuffer() }
        gradients = layers.map { _ in FloatBuffer() }
        plan = ExecutionPlan(layers: layers, shapes: shapes, fusesReLUMasks: true, fusesPoolingIntoConvolutions: true)
    }

    /// Plans the steps again for the current fusion options (a forward pass must come before the next backward).
    private func replan() {
        plan = ExecutionPlan(
            layers: layers, shapes: layerShapes, fusesReLUMasks: fusesReLUMasks,
            fusesPoolingIntoConvolutions: fusesPoolingIntoConvolutions)
        for layer in plan.profiledLayers { layer.profile = profile }
        lastInput = nil
        reluViewsBatchSize = 0
    }

    private func reserve(batchSize: Int) {
        for step in plan.steps where !step.sharesBuffers {
            let i = step.layers.upperBound
            outputs[i].reserve(batchSize * layerShapes[i].reduce(1, *))
        }
        for step in plan.steps where step.layers.lowerBound > 0 && !step.sharesBuffers {
            // The gradient this step writes below it (a reshaping step passes the one above it down instead).
            let i = step.layers.lowerBound - 1
            gradients[i].reserve(batchSize * layerShapes[i].reduce(1, *))
        }
    }

    public func forward(_ input: UnsafePointer<Float>, batchSize: Int, training: Bool) throws -> ForwardPass {
        reserve(batchSize: batchSize)
        var current = Activations(pointer: UnsafeMutablePointer(mutating: input), batchSize: batchSize, sampleShape: inputShape)
        for step in plan.steps {
            let shape = layerShapes[step.layers.upperBound]
            if step.sharesBuffers {
                current = Activations(pointer: current.pointer, batchSize: batchSize, sampleShape: shape)
                continue
            }
            let out = Activations(pointer: outputs[step.layers.upperBound].pointer, batchSize: batchSize, sampleShape: shape)
            try OpProfile.measure(profile, step.forwardName) { try step.layer.forward(current, out, training: training) }
            current = out
        }
        lastInput = input
        lastBatchSize = batchSize
        return ForwardPass(output: current.pointer, logits: plan.head?.logits, reluOutputs: reluOutputs(batchSize: batchSize))
    }

    /// The output of layer `index` in the last forward pass (valid until the next forward).
    public func layerOutput(_ index: Int) -> UnsafePointer<Float> { UnsafePointer(outputPointer(index)) }

    /// Where layer `index`'s output of the last forward pass is (the buffer below a reshaping layer's,
    /// a fused step's own buffer for its lower layer's).
    private func outputPointer(_ index: Int) -> UnsafeMutablePointer<Float> {
        let step = plan.steps[plan.stepOfLayer[index]]
        if index < step.layers.upperBound, let fused = step.fused { return fused.lowerOutput }
        guard step.sharesBuffers else { return outputs[index].pointer }
        return index == 0 ? UnsafeMutablePointer(mutating: lastInput!) : outputPointer(index - 1)
    }

    @discardableResult
    public func backward(_ gradient: OutputGradient, batchSize: Int) throws -> BackwardPass {
        try backward(gradient, batchSize: batchSize, addingToLayerOutputs: [:])
    }

    /// Layers must be below the last one, and not have their ReLU mask applied by the layer above.
    @discardableResult
    public func backward(_ gradient: OutputGradient, batchSize: Int, addingToLayerOutputs extra: [Int: UnsafePointer<Float>]) throws -> BackwardPass {
        guard extra.keys.allSatisfy({ $0 >= 0 && $0 < layers.count - 1 }) else {
            throw ModelError.extraGradientsOutsideHiddenLayers(model: name, hiddenLayers: layers.count - 1, got: extra.keys.sorted())
        }
        for i in extra.keys where plan.maskedAbove[i] {
            throw ModelError.gradientAtMaskedLayer(model: name, layer: layers[i].name)
        }
        switch gradient {
        case .output(let g):
            return try backward(g, batchSize: batchSize, givenLogits: false, extra: extra)
        case .logits(let g):
            guard plan.head?.logits != nil else {
                throw ModelError.noLogitsKept(model: name)
            }
            return try backward(g, batchSize: batchSize, givenLogits: true, extra: extra)
        }
    }

    /// Backward from the gradient with respect to the output, or (`givenLogits`) to the last layer's logits.
    private func backward(_ gradOutput: UnsafePointer<Float>, batchSize: Int, givenLogits: Bool, extra: [Int: UnsafePointer<Float>]) throws -> BackwardPass {
        guard let input = lastInput, batchSize == lastBatchSize else {
            throw ModelError.backwardBeforeForward(model: name)
        }
        var gradOut = Activations(pointer: UnsafeMutablePointer(mutating: gradOutput), batchSize: batchSize, sampleShape: outputShape)
        var pass = BackwardPass()
        inputGradientPointer = nil
        if computesInputGradient { inputGradientBuffer.reserve(batchSize * inputSize) }
        /// Whether the gradient at layer `i`'s output (zero when `isZero` says so) ends the pass: below it
        /// every gradient is zero, written without running the layers. Records the first block found.
        func endsAt(_ i: Int, _ isZero: () -> Bool) -> Bool {
            // Gradient still to arrive below this layer keeps the layers below live.
            guard !extra.keys.contains(where: { $0 < i }), skipsZeroGradientBranches || pass.gradientBlock == nil, isZero() else { return false }
            // A zero loss gradient (every sample fitted) is not a block inside the network.
            if i < layers.count - 1 && pass.gradientBlock == nil {
                pass.gradientBlock = GradientBlock(layerIndex: i + 1, layerName: layers[i + 1].name, wholeModel: true)
            }
            guard skipsZeroGradientBranches else { return false }
            for layer in layers[...i] {
                for parameter in layer.parameters { parameter.gradient.update(repeating: 0) }
            }
            if computesInputGradient {
                inputGradientBuffer.pointer.update(repeating: 0, count: batchSize * inputSize)
                inputGradientPointer = UnsafePointer(inputGradientBuffer.pointer)
            }
            pass.skippedLayers = i + 1
            return true
        }
        for step in plan.steps.reversed() {
            let top = step.layers.upperBound, bottom = step.layers.lowerBound
            if let more = extra[top] {
                for j in 0..<gradOut.count { gradOut.pointer[j] += more[j] }
            }
            let layerOutput = Activations(pointer: outputPointer(top), batchSize: batchSize, sampleShape: layerShapes[top])
            // A bf16 convolution given its gradient unmasked (the one above left it the ReLU mask): judged once masked.
            let unmasked = try (layers[top] as? Conv2D).flatMap { try $0.receivesUnmaskedGradient(batch: batchSize) ? $0 : nil }
            if endsAt(top, { unmasked?.maskedGradientVanishes(output: layerOutput, gradOutput: gradOut) ?? self.isAllZero(gradOut) }) {
                return pass
            }
            let inShape = bottom == 0 ? inputShape : layerShapes[bottom - 1]
            if step.sharesBuffers {
                gradOut = Activations(pointer: gradOut.pointer, batchSize: batchSize, sampleShape: inShape)
                continue
            }
            let inPointer = bottom == 0 ? UnsafeMutablePointer(mutating: input) : outputPointer(bottom - 1)
            let layerInput = Activations(pointer: inPointer, batchSize: batchSize, sampleShape: inShape)
            // Inside a fused step the lower layer's output gradient is not written yet: judged from the step's.
            if let fused = step.fused, endsAt(bottom, { fused.lowerGradientVanishes(output: layerOutput, gradOutput: gradOut) }) { return pass }
            let gradInPointer: UnsafeMutablePointer<Float>? =
                bottom > 0
                ? gradients[bottom - 1].pointer
                : computesInputGradient ? inputGradientBuffer.pointer : nil
            let gradIn = gradInPointer.map { Activations(pointer: $0, batchSize: batchSize, sampleShape: inShape) }
            try OpProfile.measure(step.backwardName == nil ? nil : profile, step.backwardName ?? "") {
                if givenLogits, top == layers.count - 1, let head = plan.head {
                    try head.backward(input: layerInput, output: layerOutput, gradLogits: gradOut, gradInput: gradIn)
                } else {
                    try step.layer.backward(input: layerInput, output: layerOutput, gradOutput: gradOut, gradInput: gradIn)
                }
            }
            if let gradIn { gradOut = gradIn }
        }
        // A reshaping first layer leaves the gradient above it as the input's.
        if computesInputGradient { inputGradientPointer = UnsafePointer(gradOut.pointer) }
        return pass
    }

    /// The last forward pass's output of every layer that ends in a ReLU, in layer order.
    private func reluOutputs(batchSize: Int) -> [ReLULayerOutput] {
        // Buffers move only when a larger batch arrives, so the views are rebuilt only when the batch size changes.
        if reluViewsBatchSize != batchSize {
            reluViews = plan.reluLayers.map { i in
                let shape = layerShapes[i]
                return ReLULayerOutput(
                    layerName: layers[i].name, values: UnsafePointer(outputPointer(i)), batchSize: batchSize,
                    valuesPerSample: shape.reduce(1, *), units: shape.last ?? 1)
            }
            reluViewsBatchSize = batchSize
        }
        return reluViews
    }

    /// True when every value is +0 or -0 (stops at the first other value, so a live gradient costs a few reads).
    private func isAllZero(_ activations: Activations) -> Bool {
        let p = activations.pointer
        for i in 0..<activations.count where p[i] != 0 { return false }
        return true
    }

    /// One line per layer: name, output shape, parameter count (like Keras' summary()).
    public func summary() -> String {
        var lines = ["Model \"\(name)\"  input \(inputShape)"]
        for (layer, shape) in zip(layers, layerShapes) {
            let n = layer.parameters.reduce(0) { $0 + $1.count }
            lines.append(
                "  \(layer.name.padding(toLength: 16, withPad: " ", startingAt: 0)) output \(String(describing: shape).padding(toLength: 16, withPad: " ", startingAt: 0)) params \(n)"
            )
        }
        lines.append("  total params \(parameters.reduce(0) { $0 + $1.count })")
        return lines.joined(separator: "\n")
    }
}
