import Backend
import NN
import Tensor

/// f(x) = f0(x) + a * exp(w . flatten(x) + b): any one-output model plus the exponential neuron
/// on the same input. It owns the joint weight buffers (the base's weights, then the neuron's);
/// the base's store becomes a view of its slice, so `base` is the original network, usable (and
/// trainable) alone, on the same weights. A network is part of one living augmented model at a time.
public final class AugmentedModel: Model {
    /// The original network f0.
    public let base: any Model
    public let neuron: ExponentialNeuron
    public var inputShape: [Int] { base.inputShape }
    public var outputShape: [Int] { [1] }
    public let parameters: [Parameter]
    /// The joint buffers: the base's values (taken over, with their current values) then the neuron's.
    public let store: ParameterStore
    private let output = FloatBuffer(), neuronOutput = FloatBuffer()
    private var lastInput: UnsafePointer<Float>?
    /// f0's output for the last batch (valid until the next forward).
    public private(set) var lastBaseOutput: UnsafeMutablePointer<Float>?

    public init(base: any Model, neuron: ExponentialNeuron, backend: any ComputeBackend = DNNLBackend()) throws {
        guard base.outputSize == 1 else {
            throw ModelError.invalidConfiguration("only one-output models can be augmented; this one outputs \(base.outputShape)")
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
        output.reserve(n); neuronOutput.reserve(n)
        let y0 = try base.forward(input, batchSize: n, training: training)
        try neuron.forward(neuronActivations(input, n), Activations(pointer: neuronOutput.pointer, batchSize: n, sampleShape: [1]), training: training)
        for i in 0..<n { output.pointer[i] = y0[i] + neuronOutput.pointer[i] }
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
        try neuron.backward(input: neuronActivations(input, n), output: Activations(pointer: neuronOutput.pointer, batchSize: n, sampleShape: [1]),
                            gradOutput: Activations(pointer: UnsafeMutablePointer(mutating: gradOutput), batchSize: n, sampleShape: [1]), gradInput: nil)
    }
}

extension Model {
    /// This model plus one exponential neuron with an L2 penalty `lambda * a^2` on its scale.
    public func augmented(lambda: Double = 0.1, initialization: NeuronInit = .uniform,
                          backend: any ComputeBackend = DNNLBackend()) throws -> AugmentedModel {
        try AugmentedModel(base: self, neuron: ExponentialNeuron(lambda: lambda, initialization: initialization), backend: backend)
    }
}
