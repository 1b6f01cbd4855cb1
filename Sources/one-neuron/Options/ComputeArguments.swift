import ArgumentParser
import Backend
import Experiment

/// The compute flags of `experiment` and `train`.
struct ComputeArguments: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help:
            "Compute threads (an experiment shares them among its jobs; a job's threads go to the others when it runs out of trainings); default: every core. Results do not depend on it."
    )
    var threads: Int?
    @Flag(help: "Portable results: cap oneDNN at AVX2 so every x86-64 CPU gives the same bits (recorded in config.json; may be slower on AVX-512 CPUs).")
    var portable = false
    @Option(help: "Convolution precision: fp32, or bf16 (bfloat16 multiplies, float32 accumulation and weights; needs AVX512_BF16; recorded in config.json).")
    var precision: ComputePrecision = .fp32
    @Option(
        help:
            "Convolution algorithm: auto (default: winograd where oneDNN has it, i.e. AVX-512 CPUs with fp32, else direct), direct (as Keras), or winograd (fewer multiplies for the 3x3 convolutions with 16+ input channels, about twice the rounding; needs AVX-512 and fp32). The one used is recorded in config.json; a rerun into an existing folder keeps the folder's."
    )
    var convAlgorithm: ConvolutionAlgorithm = .auto

    /// The library's compute options.
    func options() throws -> ComputeOptions {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        var c = ComputeOptions()
        c.threads = threads ?? 0; c.portable = portable; c.precision = precision; c.convolutionAlgorithm = convAlgorithm
        return c
    }
}
