import Experiment
import Foundation
import IO
import XCTest

final class TrainJobTests: XCTestCase {
    func testTrainWritesHistoryWithTheDocumentedKeysAndWeights() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("one-neuron-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: file, samples: 120, features: 6)
        var o = TrainOptions(data: file, out: dir.appendingPathComponent("out"))
        o.augmented = true; o.model = .mlp(hidden: [8]); o.epochs = 3; o.batchSize = 32; o.optimizer = .adam(learningRate: 0.01); o.quiet = true
        let result = try runTrainJob(o, log: { _ in })
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/history.json"))) as! [String: [Any]]
        for key in ["loss", "accuracy", "val_loss", "val_accuracy", "seconds", "a", "b", "w_norm", "neuron_max", "f0_loss", "f0_accuracy", "identity_residual", "diverging"] {
            XCTAssertEqual(json[key]?.count, 3, key)
        }
        XCTAssertEqual(result.files.map(\.lastPathComponent), ["history.csv", "history.json", "weights.npz"])
        let weights = try NPZ.read(from: dir.appendingPathComponent("out/weights.npz"))
        XCTAssertEqual(weights["exp_neuron/w"]?.shape, [6])
    }
}
