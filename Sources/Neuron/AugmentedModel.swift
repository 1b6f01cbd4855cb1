import Backend
import NN
import Tensor

/// f(x) = f0(x) + a * exp(w . flatten(x) + b): any model plus exponential neurons on the same
/// input, one per output unit (f_k = f0_k + a_k exp(w_k . x + b_k) for a k-output model, as
/// Kawaguchi & Kaelbling add one neuron per output unit). The per-layer variant
/// (`Sequential.augmentedPerLayer`) adds such neurons also on hidden layers' outputs h_l of a
/// `LayeredModel`: f_k = f0_k + sum over l of a_lk exp(w_lk . h_l + b_lk), h_0 = x.
/// It owns the joint weight buffers (the base's weights, then each neuron layer's); the base's
/// store becomes a view of its slice, so `base` is the original network, usable (and trainable)
/// alone, on the same weights. A network is part of one living augmented model at a time.
public final class AugmentedModel: Model {
    /// The original network f0.
    public let base: any Model
    /// The base as a layered model, when neurons read its hidden layers.
    private let layered: (any LayeredModel)?
    /// Every neuron layer: first the one on the input (the theorems' construction), then one per
    /// tapped hidden layer (per-layer variant).
    public let neurons: [ExponentialNeuron]
    /// The base layer whose output each neuron layer reads (nil: the network's input).
    public let taps: [Int?]
    /// The neuron layer on the input.
    public var neuron: ExponentialNeuron { neurons[0] }
    public var inputShape: [Int] { base.inputShape }
    public var outputShape: [Int] { base.outputShape }
    public let parameters: [Parameter]
    /// The joint buffers: the base's values (taken over, with their current values) then the neurons'.
    public let store: ParameterStore
    private let output = FloatBuffer()
    private let neuronOutputs: [FloatBuffer]
    private let tapGradients: [FloatBuffer]
    private var lastInput: UnsafePointer<Float>?

    /// `base` plus `neuron` on its input.
    public convenience init(base: any Model, neuron: ExponentialNeuron, backend: any ComputeBackend = DNNLBackend()) throws {
        try self.init(base: base, layered: nil, neurons: [neuron], taps: [nil], backend: backend)
    }

    /// `neurons[i]` reads the output of base layer `taps[i]` (nil: the input); taps other than nil
    /// must be hidden layers.
    public convenience init(base: any LayeredModel, neurons: [ExponentialNeuron], taps: [Int?], backend: any ComputeBackend = DNNLBackend()) throws {
        try self.init(base: base, layered: base, neurons: neurons, taps: taps, backend: backend)
    }

    private init(base: any Model, layered: (any LayeredModel)?, neurons: [ExponentialNeuron], taps: [Int?], backend: any ComputeBackend) throws {
        guard !neurons.isEmpty, neurons.count == taps.count, taps[0] == nil else {
            throw ModelError.neuronLayout
        }
        for n in neurons where n.units != base.outputSize {
            throw ModelError.neuronUnitsMismatch(outputShape: base.outputShape, layer: n.name, units: n.units)
        }
        guard base.store.embeddingStore == nil else {
            throw ModelError.alreadyAugmented
        }
        let hiddenShapes = layered?.layerShapes.dropLast() ?? []
        for case let t? in taps where !hiddenShapes.indices.contains(t) {
            throw ModelError.notAHiddenLayer(index: t, hiddenLayers: hiddenShapes.count)
        }
        self.base = base
        self.layered = layered
        self.neurons = neurons
        self.taps = taps
        let context = BuildContext(backend: backend)
        for (n, tap) in zip(neurons, taps) {
            _ = try n.build(inputShape: tap.map { hiddenShapes[$0] } ?? base.inputShape, context: context)
        }
        parameters = base.parameters + neurons.flatMap(\.parameters)
        neuronOutputs = neurons.map { _ in FloatBuffer() }
        tapGradients = neurons.map { _ in FloatBuffer() }
        // Keeps the base network's current weights; initialises the neurons with seed 0 (a Trainer re-initialises).
        store = try ParameterStore(base.store.weights + neurons.flatMap(\.parameters))
        try base.store.embed(in: store, at: 0)
        var generator = SeededGenerator(seed: 0)
        for p in neurons.flatMap(\.parameters) { p.initializer.fill(p.value, fans: p.fans, generator: &generator) }
    }

    /// The input of neuron layer `i` for the last batch.
    private func neuronInput(_ i: Int, _ n: Int) -> Activations {
        guard let tap = taps[i], let layered else {
            return Activations(pointer: UnsafeMutablePointer(mutating: lastInput!), batchSize: n, sampleShape: base.inputShape)
        }
        return Activations(pointer: UnsafeMutablePointer(mutating: layered.layerOutput(tap)), batchSize: n, sampleShape: layered.layerShapes[tap])
    }

    /// The pass's ReLU outputs are the base network's (the neurons have none); `base` holds its output.
    public func forward(_ input: UnsafePointer<Float>, batchSize n: Int, training: Bool) throws -> ForwardPass {
        let count = n * base.outputSize
        output.reserve(count)
        let f0 = try base.forward(input, batchSize: n, training: training)
        lastInput = input
        output.pointer.update(from: f0.output, count: count)
        for (i, neuron) in neurons.enumerated() {
            neuronOutputs[i].reserve(count)
            try neuron.forward(neuronInput(i, n), Activations(pointer: neuronOutputs[i].pointer, batchSize: n, sampleShape: [neuron.units]), training: training)
            for j in 0..<count { output.pointer[j] += neuronOutputs[i].pointer[j] }
        }
        return ForwardPass(output: output.pointer, reluOutputs: f0.reluOutputs, base: BaseOutput(output: f0.output, logits: f0.logits))
    }

    /// The base network's block, `wholeModel` only when every neuron's gradient, with its penalty's,
    /// is exactly zero too (otherwise the neurons alone still learn).
    @discardableResult
    public func backward(_ gradient: OutputGradient, batchSize n: Int) throws -> BackwardPass {
        guard case .output(let gradOutput) = gradient else {
            throw ModelError.noLogitsKept(model: "augmented model")
        }
        guard lastInput != nil else { throw ModelError.backwardBeforeForward(model: "augmented model") }
        let gradientActivations = Activations(pointer: UnsafeMutablePointer(mutating: gradOutput), batchSize: n, sampleShape: base.outputShape)
        var extra: [Int: UnsafePointer<Float>] = [:]
        for (i, neuron) in neurons.enumerated() {
            let input = neuronInput(i, n)
            var gradInput: Activations?
            if let tap = taps[i] {
                tapGradients[i].reserve(input.count)
                gradInput = Activations(pointer: tapGradients[i].pointer, batchSize: n, sampleShape: input.sampleShape)
                extra[tap] = UnsafePointer(tapGradients[i].pointer)
            }
            try neuron.backward(
                input: input, output: Activations(pointer: neuronOutputs[i].pointer, batchSize: n, sampleShape: [neuron.units]),
                gradOutput: gradientActivations, gradInput: gradInput)
        }
        var pass: BackwardPass
        if let layered, !extra.isEmpty {
            pass = try layered.backward(gradient, batchSize: n, addingToLayerOutputs: extra)
        } else {
            pass = try base.backward(gradient, batchSize: n)
        }
        pass.gradientBlock?.wholeModel = neurons.flatMap(\.parameters).allSatisfy(\.totalGradientIsZero)
        return pass
    }
}

extension Model {
    /// This model plus one exponential neuron per output unit, with an L2 penalty `lambda * a_k^2`
    /// on each scale.
    public func augmented(
        lambda: Double = 0.1, initialization: NeuronInit = .uniform,
        backend: any ComputeBackend = DNNLBackend()
    ) throws -> AugmentedModel {
        try AugmentedModel(base: self, neuron: ExponentialNeuron(lambda: lambda, initialization: initialization, units: outputSize), backend: backend)
    }
}

extension Sequential {
    /// `augmentedPerLayer` when `perLayer`, else `augmented`: the augmented arm as options choose it.
    public func augmented(
        lambda: Double, initialization: NeuronInit, perLayer: Bool,
        backend: any ComputeBackend = DNNLBackend()
    ) throws -> AugmentedModel {
        perLayer
            ? try augmentedPerLayer(lambda: lambda, initialization: initialization, backend: backend)
            : try augmented(lambda: lambda, initialization: initialization, backend: backend)
    }

    /// The per-layer variant: neurons on the input (as `augmented`) and on the output of every
    /// hidden Dense layer, each layer's neurons one per output unit with penalty `lambda * a^2` on
    /// every scale (`--neuron-per-layer`, fully connected networks). Our reading of "one special
    /// neuron per layer" (Liang et al. 2018); see docs/theory/multi-output-and-per-layer-neurons.md on
    /// what could and could not be checked.
    public func augmentedPerLayer(
        lambda: Double = 0.1, initialization: NeuronInit = .uniform,
        backend: any ComputeBackend = DNNLBackend()
    ) throws -> AugmentedModel {
        let hidden = layers.indices.dropLast().filter { layers[$0] is Dense }
        guard layers.allSatisfy({ $0 is Dense || $0 is Flatten || $0 is Softmax }) else {
            throw ModelError.notFullyConnected(model: name)
        }
        let neurons =
            [ExponentialNeuron(lambda: lambda, initialization: initialization, units: outputSize)]
            + hidden.map { ExponentialNeuron(lambda: lambda, initialization: initialization, units: outputSize, name: "exp_neuron_\(layers[$0].name)") }
        return try AugmentedModel(base: self, neurons: neurons, taps: [nil] + hidden.map { Optional($0) }, backend: backend)
    }
}
