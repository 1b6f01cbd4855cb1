import ArgumentParser
import Backend
import Bench
import Foundation

/// `one-neuron bench`: training throughput of the seed CNN on synthetic EEG-shaped data.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Train the seed CNN on synthetic 28x28xC data (2913 training samples) and print samples/s, ms/step, GFLOP/s, peak fraction and peak memory.")

    @Option(parsing: .unconditional, help: "Compute threads.") var threads = 2
    @Option(parsing: .unconditional, help: "Batch size.") var batchSize = 128
    @Option(parsing: .unconditional, help: "Timed epochs (after one warm-up epoch).") var epochs = 3
    @Option(parsing: .unconditional, help: "Input channels (3 like the EEG images; 1 to compare with the 28x28x1 Keras figures).") var channels = 3
    @Flag(help: "Cap oneDNN at AVX2 (portable mode's kernels).") var portable = false
    @Option(help: "Convolution precision: fp32 or bf16 (needs AVX512_BF16).") var precision: ComputePrecision = .fp32
    @Option(
        help:
            "Convolution algorithm: auto (default: winograd on AVX-512 with fp32, else direct), direct, or winograd (fewer multiplies, more rounding; needs AVX-512, fp32)."
    ) var convAlgorithm: ConvolutionAlgorithm = .auto
    @Flag(help: "Also time every part of the step (each layer's passes, loss, optimizer, batch gathering) and print the profile.") var profile = false
    @Flag(help: "Print one JSON line only.") var json = false

    func run() throws {
        if portable { try CPUISA.enterPortableMode() }
        noteIfBF16IsSlowerHere(precision)
        var o = BenchmarkOptions()
        o.threads = threads; o.batchSize = batchSize; o.epochs = epochs; o.channels = channels; o.precision = precision; o.algorithm = convAlgorithm;
        o.profile = profile
        let r = try runTrainingBenchmark(o, log: { if !json { print($0) } })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(r), as: UTF8.self))
        } else {
            print(
                String(
                    format:
                        "%.0f samples/s, %.2f ms/step, %.1f GFLOP/s (%.0f%% of a nominal %.0f GFLOP/s fp32 peak at %d threads: clock from /proc/cpuinfo; bench/compare.sh measures the real ceiling), %.3f s/epoch, peak RSS %.0f MB, oneDNN ISA %@, %@ %@ conv kernels %@",
                    r.samples_per_sec, r.ms_per_step, r.gflops, 100 * r.peak_fraction, r.peak_gflops, r.threads, r.seconds_per_epoch, r.peak_rss_mb, r.isa,
                    r.precision, r.algorithm, r.convolution_kernels.joined(separator: "/")))
            if let profile = r.profile { print(profile.text) }
        }
    }
}
