import Diagnostics
import Backend

/// Where and how the arithmetic runs. Threads never change results; the ISA cap, precision and
/// convolution algorithm do (they are recorded in config.json).
public struct ComputeOptions: Sendable, Equatable {
    /// Compute threads; 0: every online core.
    public var threads = 0
    /// Portable mode: oneDNN capped at AVX2, so results are the same bits on every x86-64 CPU (see `CPUISA`).
    public var portable = false
    /// What the convolutions multiply in: bf16 needs AVX512_BF16 (see `DNNLBackend(precision:)`).
    public var precision = ComputePrecision.fp32
    /// How the convolutions sum: Winograd needs AVX-512 and fp32 (see `DNNLBackend(precision:algorithm:)`).
    /// `.auto` picks Winograd where oneDNN has it here, else direct; an experiment keeps its folder's.
    public var convolutionAlgorithm = ConvolutionAlgorithm.auto

    public init() {}

    /// The compute threads used: `threads`, or every online core.
    public var threadsToUse: Int { threads > 0 ? threads : ComputeThreads.available }

    /// Checks the thread count and precision against this CPU and enters portable mode when asked (before
    /// any oneDNN call). The convolution algorithm is checked by `checkConvolutionAlgorithm()` once it is
    /// final (an experiment's `.auto` may become its folder's algorithm).
    func prepare() throws {
        guard threads >= 0 else { throw SettingError.valueOutOfRange(.threads, value: "\(threads)", allowed: "at least 1 (or 0: every core)") }
        if portable { try CPUISA.enterPortableMode() }
        if precision == .bf16 { try CPUISA.requireNativeBF16() }
    }

    /// Checks that this CPU has the convolution algorithm asked for (Winograd needs AVX-512 and fp32).
    func checkConvolutionAlgorithm() throws {
        if convolutionAlgorithm == .winograd { try CPUISA.requireWinograd(precision: precision) }
    }
}
