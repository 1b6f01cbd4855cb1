import Diagnostics
import Foundation
import IO
import Tensor

/// An arm's checkpoint.npz: the run's settings and its `GANTrainer.State`. A numpy `.npz` (ZIP of
/// `.npy` files, CRC-checked; `np.load` opens it) whose `state.json` entry holds the settings, the step,
/// the random streams, the batch cursor and the training seconds, and whose arrays hold the rest:
/// `generator` and `discriminator` (float32 weight snapshots, trainable then non-trainable),
/// `generator_optimizer_<m|v|iterations>` and `discriminator_optimizer_...` (Adam's state), `order`
/// (int64, the epoch's shuffled rows), `drift_a`, `drift_b`, `drift_norm` (float64, the neuron's values
/// at every record) and `largest_exponent` (float32, augmented arm only). Written atomically.
public struct GANCheckpoint: Sendable {
    public var config: GANConfig
    public var state: GANTrainer.State

    public init(config: GANConfig, state: GANTrainer.State) { self.config = config; self.state = state }

    /// The JSON entry: everything but the arrays.
    private struct Header: Codable {
        var schemaVersion = ganSchemaVersion
        var config: GANConfig
        var step: Int
        var cursor: Int
        var zStream: SeededGenerator
        var batchStream: SeededGenerator
        var trainingSeconds: Double

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case config, step, cursor
            case zStream = "z_stream"
            case batchStream = "batch_stream"
            case trainingSeconds = "training_seconds"
        }
    }

    private static let headerName = "state.json"

    /// Writes the checkpoint atomically: a reader sees the previous checkpoint or this one, whole.
    public func write(to url: URL) throws {
        let s = state
        let header = Header(
            config: config, step: s.step, cursor: s.cursor, zStream: s.zStream, batchStream: s.batchStream, trainingSeconds: s.trainingSeconds)
        var arrays: [(String, NDArray)] = [
            ("generator", NDArray(shape: [s.generator.count], float32: s.generator)),
            ("discriminator", NDArray(shape: [s.discriminator.count], float32: s.discriminator))
        ]
        for (prefix, optimizer) in [("generator_optimizer_", s.generatorOptimizer), ("discriminator_optimizer_", s.discriminatorOptimizer)] {
            arrays += optimizer.keys.sorted().map { (prefix + $0, NDArray(shape: [optimizer[$0]!.count], float32: optimizer[$0]!)) }
        }
        arrays.append(("order", NDArray(shape: [s.order.count], int64: s.order.map(Int64.init))))
        for (name, series) in [("drift_a", s.driftHistory.a), ("drift_b", s.driftHistory.b), ("drift_norm", s.driftHistory.norm)] {
            arrays.append((name, NDArray(shape: [series.count], float64: series)))
        }
        if let largest = s.largestExponent { arrays.append(("largest_exponent", NDArray(shape: [1], float32: [largest]))) }
        let entries =
            [ZipArchive.Entry(name: Self.headerName, data: try GANRunFiles.encoder().encode(header))]
            + arrays.map { ZipArchive.Entry(name: $0.0 + ".npy", data: NPY.encode($0.1)) }
        try AtomicFile.write(ZipArchive.encode(entries, compressed: false, source: url.path), to: url)
    }

    /// Reads a checkpoint; throws `GANError.unreadableCheckpoint` naming the file when it is missing a
    /// part, truncated or corrupt (its CRC-32s), or of another schema version.
    public static func read(from url: URL) throws -> GANCheckpoint {
        do {
            var header: Header?, arrays: [String: NDArray] = [:]
            for entry in try ZipArchive.decode(try Data(contentsOf: url), source: url.path) {
                if entry.name == headerName {
                    header = try JSONDecoder().decode(Header.self, from: entry.data)
                } else {
                    arrays[String(entry.name.dropLast(4))] = try NPY.decode(entry.data, source: url.path)
                }
            }
            guard let header else { throw GANCheckpointProblem("it has no \(headerName)") }
            guard header.schemaVersion == ganSchemaVersion else {
                throw GANCheckpointProblem("it is of schema version \(header.schemaVersion), this program writes \(ganSchemaVersion)")
            }
            func array(_ name: String) throws -> NDArray {
                guard let a = arrays[name] else { throw GANCheckpointProblem("it has no \(name).npy") }
                return a
            }
            func floats(_ name: String) throws -> [Float] {
                guard case .float32(let v) = try array(name).storage else { throw GANCheckpointProblem("\(name).npy is not float32") }
                return v
            }
            func doubles(_ name: String) throws -> [Double] {
                guard case .float64(let v) = try array(name).storage else { throw GANCheckpointProblem("\(name).npy is not float64") }
                return v
            }
            func optimizer(_ prefix: String) throws -> [String: [Float]] {
                var state: [String: [Float]] = [:]
                for key in arrays.keys where key.hasPrefix(prefix) { state[String(key.dropFirst(prefix.count))] = try floats(key) }
                return state
            }
            guard case .int64(let order) = try array("order").storage else { throw GANCheckpointProblem("order.npy is not int64") }
            let state = GANTrainer.State(
                step: header.step, generator: try floats("generator"), discriminator: try floats("discriminator"),
                generatorOptimizer: try optimizer("generator_optimizer_"), discriminatorOptimizer: try optimizer("discriminator_optimizer_"),
                zStream: header.zStream, batchStream: header.batchStream, order: order.map { Int($0) }, cursor: header.cursor,
                driftHistory: (try doubles("drift_a"), try doubles("drift_b"), try doubles("drift_norm")),
                largestExponent: arrays["largest_exponent"] == nil ? nil : try floats("largest_exponent").first, trainingSeconds: header.trainingSeconds)
            return GANCheckpoint(config: header.config, state: state)
        } catch let error as GANCheckpointProblem {
            throw GANError.unreadableCheckpoint(file: url.path, reason: error.description)
        } catch let error as FileError {
            let place = error.location.description
            throw GANError.unreadableCheckpoint(file: url.path, reason: (place.isEmpty ? "" : place + ": ") + error.problem)
        } catch is DecodingError {
            throw GANError.unreadableCheckpoint(file: url.path, reason: "its \(headerName) is not a checkpoint's")
        } catch {
            throw GANError.unreadableCheckpoint(file: url.path, reason: "\(error)")
        }
    }

    /// Throws `GANError.checkpointMismatch` (naming `file` and every setting that differs) unless the
    /// checkpoint was written by a run of `config`.
    public func check(against config: GANConfig, file: URL) throws {
        guard self.config != config else { return }
        let encoder = GANRunFiles.encoder()
        func fields(_ c: GANConfig) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: try encoder.encode(c)) as? [String: Any] ?? [:]
        }
        let there = try fields(self.config), here = try fields(config)
        let differences = Set(there.keys).union(here.keys).sorted().compactMap { key -> String? in
            let a = there[key].map { "\($0)" } ?? "-", b = here[key].map { "\($0)" } ?? "-"
            return a == b ? nil : "\(key): \(a) there, \(b) here"
        }
        throw GANError.checkpointMismatch(file: file.path, differences: differences.isEmpty ? ["the settings differ"] : differences)
    }
}
