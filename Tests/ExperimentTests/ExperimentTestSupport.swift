import Experiment
import Foundation
import IO
import Synchronization
import Tensor

/// A fresh temporary folder.
func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("one-neuron-tests-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A small learnable .npz data set: x (n, d) uniform in [0, scale), y = ±1 by the sign of the first
/// half's sum minus the second half's.
func writeSyntheticData(to url: URL, samples: Int = 160, features: Int = 16, scale: Float = 1, seed: UInt64 = 1) throws {
    var g = SeededGenerator(seed: seed)
    var x: [Float] = [], y: [Float] = []
    for _ in 0..<samples {
        let row = (0..<features).map { _ in g.uniform(0, scale) }
        let half = features / 2
        y.append(row[..<half].reduce(0, +) > row[half...].reduce(0, +) ? 1 : 0)
        x += row
    }
    try NPZ.write(
        [
            (name: "x", array: NDArray(shape: [samples, features], float32: x)),
            (name: "y", array: NDArray(shape: [samples], float32: y))
        ], to: url)
}

/// The EEG recordings beside the repository (../shared/data/eeg).
func eegDirectory() -> URL {
    if let env = ProcessInfo.processInfo.environment["ONE_NEURON_EEG_DATA"] { return URL(fileURLWithPath: env) }
    return URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/eeg")
}

/// The bytes of the result files that must not depend on interruptions, job order or sharding.
func resultBytes(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in ["config.json", "epochs.jsonl", "runs.jsonl", "epochs.csv"] {
        out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return out
}

/// Log lines collected from any thread.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A small, fast experiment on an .npz: 2 runs x 6 epochs of mlp:8, Adam(0.01), batch 32, checkpoints every
/// 2 epochs, quiet, one thread. Tests change what they are about.
func quickOptions(data: URL, out: URL) -> ExperimentOptions {
    var o = ExperimentOptions(source: .data(data), out: out)
    o.runs = 2; o.training.epochs = 6; o.training.model = .mlp(hidden: [8]); o.training.optimizer = .adam(learningRate: 0.01); o.training.batchSize = 32
    o.checkpointEvery = 2; o.quiet = true; o.compute.threads = 1
    return o
}
