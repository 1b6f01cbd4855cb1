/// The plain-Swift backend: slow but simple, used by the tests as ground truth for the oneDNN backend.
public struct ReferenceBackend: ComputeBackend {
    public init() {}

    public var name: String { "reference" }

    public func conv2D(_ config: Conv2DConfig) throws -> any Conv2DKernel { try ReferenceConv2D(config: config) }

    public func dense(_ config: DenseConfig) throws -> any DenseKernel { try ReferenceDense(config: config) }

    public func maxPool(_ config: MaxPoolConfig) throws -> any MaxPoolKernel { try ReferenceMaxPool(config: config) }

    public func activation(_ activation: Activation, count: Int) throws -> any ActivationKernel {
        try ReferenceActivation(activation, count: count)
    }
}
