import Foundation
import IO
import Neuron
import Results
import Tensor
import Training

/// A training's checkpoint: the trainer's state (`Trainer.State`, defined in Training) with the
/// neuron monitor's. Written atomically as one JSON line in the `.line` layout (floats print in
/// shortest round-trip form, so values come back bit for bit).
typealias Checkpoint = Trainer.State<NeuronMonitor.State>

/// checkpoint.json: `"schema_version"` first, then the checkpoint's own keys.
struct CheckpointFile: SchemaVersioned {
    static let schemaVersion = ResultsSchema.version
    var state: Checkpoint

    init(_ state: Checkpoint) { self.state = state }
    init(from decoder: Decoder) throws { state = try Checkpoint(from: decoder) }
    func encode(to encoder: Encoder) throws { try state.encode(to: encoder) }
}

extension Trainer.State where CallbackState == NeuronMonitor.State {
    static func load(from url: URL) throws -> Checkpoint? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONFile.read(CheckpointFile.self, from: url, fix: "Delete that training's folder to restart it").state
    }

    func save(to url: URL) throws {
        try AtomicFile.write(Data(try JSON.encode(CheckpointFile(self)).utf8), to: url)
    }
}
