import Backend

/// A stand-alone element-wise activation layer (Keras `Activation('relu')`, `ReLU()`). A sigmoid
/// keeps its input as logits for binary cross-entropy (`LogitKeepingLayer`).
public final class ActivationLayer: LogitKeepingLayer {
    public var name: String
    public let activation: Activation
    private var backend: (any ComputeBackend)!
    private var kernels = KernelCache<any ActivationKernel>()
    private var lastInput: UnsafePointer<Float>?

    public init(_ activation: Activation, name: String? = nil) {
        self.activation = activation
        self.name = name ?? activation.rawValue
    }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        backend = context.backend
        return inputShape
    }

    private func kernel(count: Int) throws -> any ActivationKernel {
        try kernels.kernel(for: count) { try backend.activation(activation, count: count) }
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        try kernel(count: input.count).forward(input: input.pointer, output: output.pointer)
        lastInput = UnsafePointer(input.pointer)
    }

    /// The input of the last forward pass, when the activation is a sigmoid.
    public var logits: UnsafePointer<Float>? { activation == .sigmoid ? lastInput : nil }

    public func backward(input: Activations, output: Activations, gradLogits: Activations, gradInput: Activations?) throws {
        gradInput?.pointer.update(from: gradLogits.pointer, count: gradLogits.count)
    }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        guard let gradInput else { return }
        try kernel(count: input.count).backward(output: output.pointer, gradOutput: gradOutput.pointer, gradInput: gradInput.pointer)
    }
}

/// Keras-style constructors for activation layers.
public func ReLU(name: String? = nil) -> ActivationLayer { ActivationLayer(.relu, name: name) }
public func Tanh(name: String? = nil) -> ActivationLayer { ActivationLayer(.tanh, name: name) }
public func Sigmoid(name: String? = nil) -> ActivationLayer { ActivationLayer(.sigmoid, name: name) }
