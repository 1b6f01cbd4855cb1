import Foundation
import IO
import Neuron
import Results
import Tensor

/// Everything needed to continue a training exactly where it stopped: weights, optimizer state,
/// the shuffle generator, the monitor's memory and the epoch. Written atomically as JSON in the
/// `.compact` layout (floats print in shortest round-trip form, so values come back bit for bit).
struct Checkpoint: Codable {
    var epoch: Int
    var values: [Float]
    var optimizer: [String: [Float]]
    var shuffle: SeededGenerator
    var monitor: NeuronMonitor.State?

    static func load(from url: URL) throws -> Checkpoint? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSON.decode(Checkpoint.self, from: Data(contentsOf: url))
        } catch {
            throw ExperimentError.mismatchedResults("\(url.path): unreadable checkpoint (\(error)); delete that training's folder to restart it")
        }
    }

    func save(to url: URL) throws {
        try AtomicFile.write(Data(try JSON.encode(self, layout: .compact).utf8), to: url)
    }
}
