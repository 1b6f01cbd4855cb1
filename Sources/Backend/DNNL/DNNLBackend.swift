/// The oneDNN backend: the kernels used for training.
public struct DNNLBackend: ComputeBackend {
    /// What the convolutions multiply in (dense layers, pooling and activations are float32 always).
    public let precision: ComputePrecision
    /// How the convolutions form their sums (never `.auto`: resolved when the backend is made).
    public let algorithm: ConvolutionAlgorithm

    /// Throws for bf16 when oneDNN has no native bf16 kernels here (needs AVX512_BF16: no slow emulation),
    /// and for Winograd without AVX-512 or with bf16 (oneDNN 2.6 has float32 AVX-512 Winograd kernels only).
    /// `.auto` becomes Winograd where oneDNN has it here, else direct (`CPUISA.resolve`).
    public init(precision: ComputePrecision = .fp32, algorithm: ConvolutionAlgorithm = .direct) throws {
        if precision == .bf16 { try CPUISA.requireNativeBF16() }
        let resolved = CPUISA.resolve(algorithm, precision: precision)
        if resolved == .winograd { try CPUISA.requireWinograd(precision: precision) }
        self.precision = precision
        self.algorithm = resolved
    }

    /// float32 direct convolutions (never throws).
    public init() { precision = .fp32; algorithm = .direct }

    public var name: String {
        let settings = (precision == .fp32 ? [] : ["\(precision.rawValue) convolutions"]) + (algorithm == .direct ? [] : ["\(algorithm.rawValue) convolutions"])
        return settings.isEmpty ? "oneDNN" : "oneDNN (\(settings.joined(separator: ", ")))"
    }
    public func conv2D(_ config: Conv2DConfig) throws -> any Conv2DKernel { try DNNLConv2D(withSettings(config)) }
    public func dense(_ config: DenseConfig) throws -> any DenseKernel { try DNNLDense(config) }
    public func maxPool(_ config: MaxPoolConfig) throws -> any MaxPoolKernel { try DNNLMaxPool(config) }
    public func activation(_ activation: Activation, count: Int) throws -> any ActivationKernel {
        try DNNLActivation(activation, count: count)
    }
    /// oneDNN implementation names chosen for a convolution (forward, backward data, backward weights), e.g. "jit:avx2".
    public func convolutionImplementations(_ config: Conv2DConfig) throws -> [String] {
        try DNNLConv2D(withSettings(config)).implementationNames
    }

    private func withSettings(_ config: Conv2DConfig) -> Conv2DConfig {
        var c = config
        c.precision = precision
        c.algorithm = algorithm
        return c
    }
}
