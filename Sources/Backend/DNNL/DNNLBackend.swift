/// The oneDNN backend: the kernels used for training.
public struct DNNLBackend: ComputeBackend {
    public init() {}
    public var name: String { "oneDNN" }
    public func conv2D(_ config: Conv2DConfig) throws -> any Conv2DKernel { try DNNLConv2D(config) }
    public func dense(_ config: DenseConfig) throws -> any DenseKernel { try DNNLDense(config) }
    public func maxPool(_ config: MaxPoolConfig) throws -> any MaxPoolKernel { try DNNLMaxPool(config) }
    public func activation(_ activation: Activation, count: Int) throws -> any ActivationKernel {
        try DNNLActivation(activation, count: count)
    }
    /// oneDNN implementation names chosen for a convolution (forward, backward data, backward weights), e.g. "jit:avx2".
    public func convolutionImplementations(_ config: Conv2DConfig) throws -> [String] {
        try DNNLConv2D(config).implementationNames
    }
}
