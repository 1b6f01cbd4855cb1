import Backend
import NN
import Neuron
import Tensor

/// A GAN's discriminator: a network D0 giving one logit per point, plus, in the augmented arm, an
/// exponential neuron a exp(w . u + b) on the data point (u = x) or on D0's last hidden layer
/// (u = h(x)), with the penalty lambda * a^2. It owns the joint weight buffers (D0's, then the
/// neuron's a, w, b) and gives dLogit/dx for training the generator through it.
public final class Discriminator {
    public let base: Sequential
    public let neuron: ExponentialNeuron?
    public let neuronInput: NeuronInput
    /// D0's weights then the neuron's, as one store (the optimizer's buffers).
    public let store: ParameterStore
    private let logits = FloatBuffer(), neuronOutput = FloatBuffer()
    private let tapGradient = FloatBuffer(), inputGradient = FloatBuffer()
    private var lastInput: UnsafePointer<Float>?
    /// Index of D0's last hidden layer.
    private var tap: Int { base.layers.count - 2 }

    /// `base` must output one value per sample and compute its input gradient; `neuron` (unbuilt) is
    /// built here on the data point or on `base`'s last hidden layer.
    public init(base: Sequential, neuron: ExponentialNeuron?, neuronInput: NeuronInput = .data, backend: any ComputeBackend = DNNLBackend()) throws {
        guard base.outputSize == 1, base.computesInputGradient else {
            throw GANError.discriminatorShape(outputs: base.outputSize, computesInputGradient: base.computesInputGradient)
        }
        guard neuron == nil || neuronInput == .data || base.layers.count >= 2 else {
            throw GANError.noHiddenLayer
        }
        self.base = base
        self.neuron = neuron
        self.neuronInput = neuronInput
        if let neuron {
            let shape = neuronInput == .data ? base.inputShape : base.layerShapes[base.layers.count - 2]
            _ = try neuron.build(inputShape: shape, context: BuildContext(backend: backend))
            store = try ParameterStore(base.store.weights + neuron.parameters)
            try base.store.embed(in: store, at: 0)
        } else {
            store = base.store
        }
    }

    /// The neuron's input for the last batch.
    private func neuronActivations(_ n: Int) -> Activations {
        neuronInput == .data
            ? Activations(pointer: UnsafeMutablePointer(mutating: lastInput!), batchSize: n, sampleShape: base.inputShape)
            : Activations(pointer: UnsafeMutablePointer(mutating: base.layerOutput(tap)), batchSize: n, sampleShape: base.layerShapes[tap])
    }

    /// The logits of `n` points (valid until the next forward). Throws `NeuronError.exponentOverflow`
    /// when the neuron's exponent passes float32's exp range.
    public func forward(_ x: UnsafePointer<Float>, batchSize n: Int) throws -> UnsafePointer<Float> {
        let d0 = try base.forward(x, batchSize: n, training: true).output
        lastInput = x
        logits.reserve(n)
        logits.pointer.update(from: d0, count: n)
        if let neuron {
            neuronOutput.reserve(n)
            try neuron.forward(neuronActivations(n), Activations(pointer: neuronOutput.pointer, batchSize: n, sampleShape: [1]), training: true)
            for i in 0..<n { logits.pointer[i] += neuronOutput.pointer[i] }
        }
        return UnsafePointer(logits.pointer)
    }

    /// Given dLoss/dLogit of the last forward, writes every weight's gradient (without the penalty)
    /// and returns dLoss/dx (valid until the next backward). `baseWeightGradients: false` leaves D0's
    /// weight gradients out (training G through D needs only dx; same dx bits): they keep stale values.
    /// The neuron's are written either way (cheap, and their overflow check ends a diverging run).
    public func backward(gradLogits: UnsafePointer<Float>, batchSize n: Int, baseWeightGradients: Bool = true) throws -> UnsafePointer<Float> {
        base.computesWeightGradients = baseWeightGradients
        defer { base.computesWeightGradients = true }
        guard let neuron else {
            try base.backward(gradOutput: gradLogits, batchSize: n)
            return base.inputGradient!
        }
        let input = neuronActivations(n)
        let gradient = neuronInput == .data ? inputGradient : tapGradient
        gradient.reserve(input.count)
        try neuron.backward(
            input: input, output: Activations(pointer: neuronOutput.pointer, batchSize: n, sampleShape: [1]),
            gradOutput: Activations(pointer: UnsafeMutablePointer(mutating: gradLogits), batchSize: n, sampleShape: [1]),
            gradInput: Activations(pointer: gradient.pointer, batchSize: n, sampleShape: input.sampleShape))
        if neuronInput == .hidden {
            try base.backward(.output(gradLogits), batchSize: n, addingToLayerOutputs: [tap: UnsafePointer(tapGradient.pointer)])
            return base.inputGradient!
        }
        try base.backward(gradOutput: gradLogits, batchSize: n)
        let d0 = base.inputGradient!
        for i in 0..<input.count { inputGradient.pointer[i] += d0[i] }
        return UnsafePointer(inputGradient.pointer)
    }
}
