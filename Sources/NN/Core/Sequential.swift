import Backend
import Tensor

/// A stack of layers applied one after the other (Keras `Sequential`). Building allocates
/// every activation and gradient buffer once; steps allocate nothing.
public final class Sequential: Model {
    public let name: String
    public let layers: [Layer]
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Per-sample output shape of each layer.
    public let layerShapes: [[Int]]
    public let parameters: [Parameter]
    /// The model's flat weight and gradient buffers (a view of an augmented model's joint buffers once one embeds this model).
    public let store: ParameterStore
    private var outputs: [FloatBuffer]
    private var gradients: [FloatBuffer]
    /// Per layer: a `ReshapingLayer` below the last layer, whose output is the buffer below it and whose
    /// input gradient is the gradient above it (no copies; its own buffers stay empty).
    private let reshapesInPlace: [Bool]
    private var lastInput: UnsafePointer<Float>?
    private var lastBatchSize = 0
    /// When the gradient reaching a layer's output is exactly zero (e.g. every ReLU of a layer is
    /// dead, the "stuck at loss 1.0" start), every gradient below it is exactly zero too: backward
    /// then writes those zeros instead of running the layers' backward passes. The result is the
    /// same bits either way (a test checks it); set false to always run every backward pass.
    public var skipsZeroGradientBranches = true
    /// When set, every layer's forward and backward pass is timed into it (`one-neuron bench --profile`);
    /// layers that time their own parts (`ProfiledLayer`, e.g. Conv2D) get it too.
    public var profile: OpProfile? {
        didSet { for case let layer as any ProfiledLayer in layers { layer.profile = profile } }
    }
    /// Conv2D(relu) then MaxPooling2D: the pool's backward applies the ReLU's mask as it routes the
    /// gradient, one pass over the convolution's output instead of two. Conv2D(relu) then Conv2D: the
    /// upper convolution's backward data applies it to each chunk of the gradient it has just written.
    /// Same values either way (a test checks it). A convolution whose ReLUs are all dead then shows as
    /// a gradient block at the layer above it. Set false to run the passes apart.
    public var fusesReLUMasks = true {
        didSet { fuseReLUMasks() }
    }

    /// Conv2D(relu) then MaxPooling2D, with the ReLU mask fused: the convolution runs the pooling's forward on
    /// each chunk of samples right after the chunk's output, and its backward (which writes the chunk's output
    /// gradient) right before the chunk's backward weights, while the data is in cache; same values (a test
    /// checks it). The profile then shows them inside the convolution's passes. Set false to run them apart.
    public var fusesPoolingIntoConvolutions = true {
        didSet { fuseReLUMasks() }
    }

    /// Layers whose backward passes were skipped, counted over the model's life (for tests and benchmarks).
    public private(set) var skippedLayerBackwards = 0
    /// Where the last backward pass found an exactly-zero gradient below a layer (nil: the gradient
    /// reached the input, or the loss gradient itself was zero).
    public private(set) var gradientBlock: GradientBlock?

    /// Builds the layers for per-sample `inputShape`, naming unnamed layers Keras-style and
    /// each weight "layer/weight". Throws a shape error naming the first layer that cannot take its input.
    public init(_ layers: [Layer], inputShape: [Int], name: String = "sequential",
                backend: any ComputeBackend = DNNLBackend()) throws {
        guard !layers.isEmpty else { throw ModelError.invalidConfiguration("a Sequential model needs at least one layer") }
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
        store = try ParameterStore(parameters)
        var generator = SeededGenerator(seed: 0)
        store.initialize(using: &generator)
        outputs = layers.map { _ in FloatBuffer() }
        gradients = layers.map { _ in FloatBuffer() }
        reshapesInPlace = layers.indices.map { layers[$0] is any ReshapingLayer && $0 < layers.count - 1 }
        fuseReLUMasks()
    }

    private func reserve(batchSize: Int) {
        for (i, shape) in layerShapes.enumerated() {
            if !reshapesInPlace[i] { outputs[i].reserve(batchSize * shape.reduce(1, *)) }
            // A reshaping layer above passes its gradient buffer down: this one is not used then.
            if i + 1 >= layers.count || !reshapesInPlace[i + 1] { gradients[i].reserve(batchSize * shape.reduce(1, *)) }
        }
    }

    public func forward(_ input: UnsafePointer<Float>, batchSize: Int, training: Bool) throws -> UnsafeMutablePointer<Float> {
        reserve(batchSize: batchSize)
        var current = Activations(pointer: UnsafeMutablePointer(mutating: input), batchSize: batchSize, sampleShape: inputShape)
        var i = 0
        while i < layers.count {
            let layer = layers[i]
            defer { i += 1 }
            if reshapesInPlace[i] {
                current = Activations(pointer: current.pointer, batchSize: batchSize, sampleShape: layerShapes[i])
                continue
            }
            let out = Activations(pointer: outputs[i].pointer, batchSize: batchSize, sampleShape: layerShapes[i])
            if let conv = layer as? Conv2D, let pooling = conv.poolingAbove {
                let pooled = Activations(pointer: outputs[i + 1].pointer, batchSize: batchSize, sampleShape: layerShapes[i + 1])
                try OpProfile.measure(profile, "\(layer.name) forward + \(pooling.name) forward") { try conv.forward(current, out, pooledInto: pooled, by: pooling) }
                current = pooled
                i += 1 // the pooling above ran too
                continue
            }
            try OpProfile.measure(profile, "\(layer.name) forward") { try layer.forward(current, out, training: training) }
            current = out
        }
        lastInput = input
        lastBatchSize = batchSize
        return current.pointer
    }

    /// The last layer's logits when it keeps them (a sigmoid head: `Dense(activation: .sigmoid)` or `ActivationLayer(.sigmoid)`).
    public var outputLogits: UnsafePointer<Float>? { lastInput == nil ? nil : (layers.last as? LogitKeepingLayer)?.logits }

    public func backward(gradOutput: UnsafePointer<Float>, batchSize: Int) throws {
        try backward(gradOutput, batchSize: batchSize, givenLogits: false)
    }

    /// The output of layer `index` in the last forward pass (valid until the next forward).
    public func layerOutput(_ index: Int) -> UnsafePointer<Float> { UnsafePointer(outputPointer(index)) }

    /// Where layer `index`'s output of the last forward pass is (the buffer below a reshaping layer's).
    private func outputPointer(_ index: Int) -> UnsafeMutablePointer<Float> {
        guard reshapesInPlace[index] else { return outputs[index].pointer }
        return index == 0 ? UnsafeMutablePointer(mutating: lastInput!) : outputPointer(index - 1)
    }

    /// `backward(gradOutput:batchSize:)` with more gradient arriving at hidden layers' outputs from
    /// outside the stack (e.g. exponential neurons that read those outputs): `extra[i]` is added to
    /// dLoss/d(output of layer i) before layer i's backward runs. Layers must be below the last one.
    public func backward(gradOutput: UnsafePointer<Float>, batchSize: Int, addingToLayerOutputs extra: [Int: UnsafePointer<Float>]) throws {
        guard extra.keys.allSatisfy({ $0 >= 0 && $0 < layers.count - 1 }) else {
            throw ModelError.invalidConfiguration("\(name): extra gradients can arrive at hidden layers 0..<\(layers.count - 1) only, got \(extra.keys.sorted())")
        }
        for i in extra.keys {
            if let conv = layers[i] as? Conv2D, conv.reluMaskAppliedAbove {
                throw ModelError.invalidConfiguration("\(name): layer \(conv.name)'s ReLU mask is applied by the layer above it, so a gradient cannot be added at its output; set fusesReLUMasks = false")
            }
        }
        try backward(gradOutput, batchSize: batchSize, givenLogits: false, extra: extra)
    }

    public func backward(gradLogits: UnsafePointer<Float>, batchSize: Int) throws {
        guard outputLogits != nil else {
            throw ModelError.invalidConfiguration("\(name): its last layer keeps no logits (it is not a sigmoid); call backward(gradOutput:batchSize:)")
        }
        try backward(gradLogits, batchSize: batchSize, givenLogits: true)
    }

    /// Backward from the gradient with respect to the output, or (`givenLogits`) to the last layer's logits.
    private func backward(_ gradOutput: UnsafePointer<Float>, batchSize: Int, givenLogits: Bool, extra: [Int: UnsafePointer<Float>] = [:]) throws {
        guard let input = lastInput, batchSize == lastBatchSize else {
            throw ModelError.invalidConfiguration("\(name): backward needs a forward pass on the same batch first")
        }
        var gradOut = Activations(pointer: UnsafeMutablePointer(mutating: gradOutput), batchSize: batchSize, sampleShape: outputShape)
        gradientBlock = nil
        // The gradient of a pooling's output whose backward its convolution below runs (`fusesPoolingIntoConvolutions`).
        var pooledGradient: Activations?
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            let pooling = (layers[i] as? Conv2D)?.poolingAbove
            if let more = extra[i] {
                for j in 0..<gradOut.count { gradOut.pointer[j] += more[j] }
            }
            // Gradient still to arrive below this layer keeps the layers below live.
            let pending = extra.keys.contains { $0 < i }
            // Below a fused pooling this layer's output gradient is not written yet: judged from the pooling's.
            let reachesNothing = { pooling != nil ? self.poolingPassesNothing(i + 1, pooledGradient!) : self.isAllZero(gradOut) }
            if !pending && (skipsZeroGradientBranches || gradientBlock == nil) && reachesNothing() {
                // A zero loss gradient (every sample fitted) is not a block inside the network.
                if i < layers.count - 1 && gradientBlock == nil {
                    gradientBlock = GradientBlock(layerIndex: i + 1, layerName: layers[i + 1].name, wholeModel: true)
                }
                if skipsZeroGradientBranches {
                    for layer in layers[...i] {
                        for parameter in layer.parameters { parameter.gradient.update(repeating: 0) }
                    }
                    skippedLayerBackwards += i + 1
                    return
                }
            }
            let inShape = i == 0 ? inputShape : layerShapes[i - 1]
            if reshapesInPlace[i] {
                gradOut = Activations(pointer: gradOut.pointer, batchSize: batchSize, sampleShape: inShape)
                continue
            }
            if i > 0, (layers[i - 1] as? Conv2D)?.poolingAbove === layers[i] {
                // The convolution below runs this pooling's backward, writing its own output gradient chunk by chunk.
                pooledGradient = gradOut
                gradOut = Activations(pointer: gradients[i - 1].pointer, batchSize: batchSize, sampleShape: inShape)
                continue
            }
            let inPointer = i == 0 ? UnsafeMutablePointer(mutating: input) : outputPointer(i - 1)
            let layerInput = Activations(pointer: inPointer, batchSize: batchSize, sampleShape: inShape)
            let layerOutput = Activations(pointer: outputPointer(i), batchSize: batchSize, sampleShape: layerShapes[i])
            let gradIn: Activations? = i == 0 ? nil
                : Activations(pointer: gradients[i - 1].pointer, batchSize: batchSize, sampleShape: inShape)
            // A ProfiledLayer times its own parts.
            let timing = layers[i] is any ProfiledLayer ? nil : profile
            if let pooling, let conv = layers[i] as? Conv2D {
                let pooled = Activations(pointer: outputs[i + 1].pointer, batchSize: batchSize, sampleShape: layerShapes[i + 1])
                try conv.backward(input: layerInput, output: layerOutput, pooled: pooled, gradPooled: pooledGradient!, by: pooling,
                                  gradOutput: gradOut, gradInput: gradIn)
                if let gradIn { gradOut = gradIn }
                continue
            }
            try OpProfile.measure(timing, "\(layers[i].name) backward") {
                if givenLogits, i == layers.count - 1, let head = layers[i] as? LogitKeepingLayer {
                    try head.backward(input: layerInput, output: layerOutput, gradLogits: gradOut, gradInput: gradIn)
                } else {
                    try layers[i].backward(input: layerInput, output: layerOutput, gradOutput: gradOut, gradInput: gradIn)
                }
            }
            if let gradIn { gradOut = gradIn }
        }
    }

    /// The last forward pass's output of every layer that ends in a ReLU, in layer order (empty before the first forward).
    public var reluOutputs: [ReLULayerOutput] {
        guard lastBatchSize > 0 else { return [] }
        return layers.indices.compactMap { i in
            guard (layers[i] as? any ActivatedLayer)?.activation == .relu else { return nil }
            let shape = layerShapes[i]
            return ReLULayerOutput(layerName: layers[i].name, values: UnsafePointer(outputPointer(i)), batchSize: lastBatchSize,
                                   valuesPerSample: shape.reduce(1, *), units: shape.last ?? 1)
        }
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
            lines.append("  \(layer.name.padding(toLength: 16, withPad: " ", startingAt: 0)) output \(String(describing: shape).padding(toLength: 16, withPad: " ", startingAt: 0)) params \(n)")
        }
        lines.append("  total params \(parameters.reduce(0) { $0 + $1.count })")
        return lines.joined(separator: "\n")
    }
}
