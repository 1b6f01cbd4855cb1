import Backend
import NN
import Tensor

/// f(x) = f0(x) + a * exp(w . flatten(x) + b): any model plus exponential neurons on the same
/// input, one per output unit (f_k = f0_k + a_k exp(w_k . x + b_k) for a k-output model, as
/// Kawaguchi & Kaelbling add one neuron per output unit). It owns the joint weight buffers (the base's weights, then the neuron's);
/// the base's store becomes a view of its slice, so `base` is the original network, usable (and
/// trainable) alone, on the same weights. A network is part of one living augmented model at a time.
public final class AugmentedModel: Model {
    /// The original network f0.
    public let base: any Model
    public let neuron: ExponentialNeuron
    public var inputShape: [Int] { base.inputShape }
    public var outputShape: [Int] { base.outputShape }
    public let parameters: [Parameter]
    /// The joint buffers: the base's values (taken over, with their current values) then the neuron's.
    public let store: ParameterStore
    private let output = FloatBuffer(), neuronOutput = FloatBuffer()
    private var lastInput: UnsafePointer<Float>?
    /// f0's output for the last batch (valid until the next forward).
    public private(set) var lastBaseOutput: UnsafeMutablePointer<Float>?

    public init(base: any Model, neuron: ExponentialNeuron, backend: any ComputeBackend = DNNLBackend()) throws {
        guard neuron.units == base.outputSize else {
            throw ModelError.invalidConfiguration("the network outputs \(base.outputShape) per sample but the exponential neuron layer has \(neuron.units) unit(s); it needs one per output")
        }
        guard base.store.embeddingStore == nil else {
            throw ModelError.invalidConfiguration("this network is already part of an augmented model; augment a newly built network instead")
        }
        self.base = base
        self.neuron = neuron
        _ = try neuron.build(inputShape: base.inputShape, context: BuildContext(backend: backend))
        parameters = base.parameters + neuron.parameters
        // Keeps the base network's current weights; initialises the neuron with seed 0 (a Trainer re-initialises).
        store = try ParameterStore(parameters)
        try base.store.embed(in: store, at: 0)
        var generator = SeededGenerator(seed: 0)
        for p in neuron.parameters { p.initializer.fill(p.value, fans: p.fans, generator: &generator) }
    }

    private func neuronActivations(_ pointer: UnsafePointer<Float>, _ n: Int) -> Activations {
        Activations(pointer: UnsafeMutablePointer(mutating: pointer), batchSize: n, sampleShape: base.inputShape)
    }

    public func forward(_ input: UnsafePointer<Float>, batchSize n: Int, training: Bool) throws -> UnsafeMutablePointer<Float> {
        let count = n * neuron.units
        output.reserve(count); neuronOutput.reserve(count)
        let y0 = try base.forward(input, batchSize: n, training: training)
        try neuron.forward(neuronActivations(input, n), Activations(pointer: neuronOutput.pointer, batchSize: n, sampleShape: [neuron.units]), training: training)
        for i in 0..<count { output.pointer[i] = y0[i] + neuronOutput.pointer[i] }
        lastInput = input
        lastBaseOutput = y0
        return output.pointer
    }

    /// The base network's block; `wholeModel` only when the neuron's gradient is exactly zero too
    /// (otherwise the neuron alone still learns).
    public var gradientBlock: GradientBlock? {
        guard var block = base.gradientBlock else { return nil }
        block.wholeModel = neuron.parameters.allSatisfy { $0.gradient.allSatisfy { $0 == 0 } }
        return block
    }

    /// The base network times its layers; the neuron's passes count as the step's rest.
    public var profile: OpProfile? {
        get { base.profile }
        set { base.profile = newValue }
    }

    /// The base network's ReLU outputs (the neuron has none).
    public var reluOutputs: [ReLULayerOutput] { base.reluOutputs }

    public func backward(gradOutput: UnsafePointer<Float>, batchSize n: Int) throws {
        guard let input = lastInput else { throw ModelError.invalidConfiguration("augmented model: backward needs a forward pass first") }
        try base.backward(gradOutput: gradOutput, batchSize: n)
        try neuron.backward(input: neuronActivations(input, n), output: Activations(pointer: neuronOutput.pointer, batchSize: n, sampleShape: [neuron.units]),
                            gradOutput: Activations(pointer: UnsafeMutablePointer(mutating: gradOutput), batchSize: n, sampleShape: [neuron.units]), gradInput: nil)
    }
}

extension Model {
    /// This model plus one exponential neuron per output unit, with an L2 penalty `lambda * a_k^2`
    /// on each scale.
    public func augmented(lambda: Double = 0.1, initialization: NeuronInit = .uniform,
                          backend: any ComputeBackend = DNNLBackend()) throws -> AugmentedModel {
        try AugmentedModel(base: self, neuron: ExponentialNeuron(lambda: lambda, initialization: initialization, units: outputSize), backend: backend)
    }
}
