import Backend
import Foundation
import NN
import Tensor
import Training

/// Options of `one-neuron bench`.
public struct BenchmarkOptions: Sendable {
    public var threads = 2, batchSize = 128, epochs = 3, channels = 3
    public var trainSamples = 2913, validationSamples = 729
    public var seed: UInt64 = 1
    public var precision = ComputePrecision.fp32
    public var algorithm = ConvolutionAlgorithm.auto
    /// Time every part of the step (`StepProfile`); costs two clock reads per part.
    public var profile = false
    public init() {}
}

/// Throughput of training the seed CNN on synthetic data shaped like the EEG images.
public struct BenchmarkResult: Codable, Sendable {
    public let samples_per_sec: Double
    public let ms_per_step: Double
    public let gflops: Double
    public let peak_fraction: Double
    public let peak_gflops: Double
    public let peak_rss_mb: Double
    public let seconds_per_epoch: Double
    public let threads: Int, batch_size: Int, epochs: Int, channels: Int
    public let convolution_kernels: [String]
    /// oneDNN's instruction set (e.g. "avx2", "avx512_core_bf16") and the CPU's model name.
    public let isa: String, cpu: String
    /// The convolutions' precision ("fp32" or "bf16").
    public let precision: String
    /// The convolutions' algorithm ("direct" or "winograd").
    public let algorithm: String
    /// Per part of the step, when profiled.
    public let profile: StepProfile?
}

/// Runs the benchmark: one warm-up epoch (kernel creation), then `epochs` timed epochs of
/// training steps (validation excluded from the timing, as in the Keras/PyTorch scripts).
public func runTrainingBenchmark(_ o: BenchmarkOptions, log: (String) -> Void = { print($0) }) throws -> BenchmarkResult {
    ComputeThreads.set(o.threads)
    let shape = [28, 28, o.channels]
    var g = SeededGenerator(seed: o.seed)
    func synthetic(_ n: Int) throws -> (Tensor, Tensor) {
        let x = (0..<(n * shape.reduce(1, *))).map { _ in g.uniform(0, 20) }
        let y = (0..<n).map { _ in g.uniform(0, 1) < 0.5 ? Float(-1) : 1 }
        return (try Tensor(shape: [n] + shape, scalars: x), try Tensor(shape: [n], scalars: y))
    }
    let (x, y) = try synthetic(o.trainSamples)
    let backend = try DNNLBackend(precision: o.precision, algorithm: o.algorithm)
    let model = try seedCNN(inputShape: shape, backend: backend)
    let trainer = try Trainer(model: model, loss: PolynomialHinge(power: 3), optimizer: Adam(learningRate: 0.0002), seed: o.seed)
    let data = try LabeledData(x: x, y: y, inputShape: shape, labels: .plusMinusOne, name: "synthetic data")
    let batches = (data.count + o.batchSize - 1) / o.batchSize
    func epoch() throws -> Double {
        let order = trainer.shuffleGenerator.permutation(data.count)
        let start = Date()
        for b in 0..<batches {
            _ = try trainer.trainStep(data, indices: order[(b * o.batchSize)..<min((b + 1) * o.batchSize, data.count)])
        }
        return Date().timeIntervalSince(start)
    }
    log("warm-up epoch (creating oneDNN kernels)...")
    _ = try epoch()
    if o.profile {
        let profile = OpProfile()
        trainer.profile = profile
        model.profile = profile
    }
    var times: [Double] = []
    for e in 1...max(o.epochs, 1) {
        let t = try epoch()
        times.append(t)
        log(String(format: "epoch %d: %.3f s, %.0f samples/s", e, t, Double(data.count) / t))
    }
    let median = times.sorted()[times.count / 2]
    let profile = try trainer.profile.map {
        try StepProfile(profile: $0, steps: batches * times.count, seconds: times.reduce(0, +), model: model, batchSize: o.batchSize, backend: backend)
    }
    let samplesPerSecond = Double(data.count) / median
    let gflops = samplesPerSecond * trainingFLOPsPerSample(model) / 1e9
    let peak = machinePeakGFLOPS(threads: o.threads)
    let conv = try backend.convolutionImplementations(
        Conv2DConfig(batch: o.batchSize, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid, fuseReLU: true))
    return BenchmarkResult(
        samples_per_sec: samplesPerSecond, ms_per_step: median / Double(batches) * 1000,
        gflops: gflops, peak_fraction: gflops / peak, peak_gflops: peak,
        peak_rss_mb: peakResidentMegabytes(), seconds_per_epoch: median,
        threads: o.threads, batch_size: o.batchSize, epochs: o.epochs, channels: o.channels,
        convolution_kernels: conv, isa: CPUISA.effective, cpu: cpuModelName(), precision: o.precision.rawValue, algorithm: backend.algorithm.rawValue,
        profile: profile)
}
