/// The oneDNN backend: the kernels used for training.
public struct DNNLBackend: ComputeBackend {
    /// What the convolutions multiply in (dense layers, pooling and activations are float32 always).
    public let precision: ComputePrecision

    /// Throws for bf16 when oneDNN has no native bf16 kernels here (needs AVX512_BF16: no slow emulation).
    public init(precision: ComputePrecision = .fp32) throws {
        if precision == .bf16 { try CPUISA.requireNativeBF16() }
        self.precision = precision
    }

    /// float32 convolutions (never throws).
    public init() { precision = .fp32 }

    public var name: String { precision == .fp32 ? "oneDNN" : "oneDNN (\(precision.rawValue) convolutions)" }
    public func conv2D(_ config: Conv2DConfig) throws -> any Conv2DKernel { try DNNLConv2D(withPrecision(config)) }
    public func dense(_ config: DenseConfig) throws -> any DenseKernel { try DNNLDense(config) }
    public func maxPool(_ config: MaxPoolConfig) throws -> any MaxPoolKernel { try DNNLMaxPool(config) }
    public func activation(_ activation: Activation, count: Int) throws -> any ActivationKernel {
        try DNNLActivation(activation, count: count)
    }
    /// oneDNN implementation names chosen for a convolution (forward, backward data, backward weights), e.g. "jit:avx2".
    public func convolutionImplementations(_ config: Conv2DConfig) throws -> [String] {
        try DNNLConv2D(withPrecision(config)).implementationNames
    }

    private func withPrecision(_ config: Conv2DConfig) -> Conv2DConfig {
        var c = config
        c.precision = precision
        return c
    }
}
