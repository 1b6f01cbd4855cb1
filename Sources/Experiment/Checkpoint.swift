import Foundation
import IO
import Neuron
import Results
import Tensor
import Training

/// A training's checkpoint file: the trainer's state (`Trainer.State`, defined in Training) with
/// the neuron monitor's. Written atomically as JSON in the `.compact` layout (floats print in
/// shortest round-trip form, so values come back bit for bit).
typealias Checkpoint = Trainer.State<NeuronMonitor.State>

extension Trainer.State where CallbackState == NeuronMonitor.State {
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
