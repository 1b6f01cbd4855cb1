import Experiment
import Foundation
import IO
import Keras
import Results
import XCTest

final class TrainJobTests: XCTestCase {
    /// `train` is one arm of an experiment run once: the same data, split, model, trainer and so the
    /// same numbers as the experiment's run 0 of that arm, for both arms.
    func testTrainGivesTheNumbersOfTheExperimentsRunZero() throws {
        let dir = try temporaryFolder("train-is-an-arm")
        let file = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: file, samples: 150, features: 6)
        var experiment = quickOptions(data: file, out: dir.appendingPathComponent("experiment"))
        experiment.runs = 1; experiment.training.epochs = 3; experiment.training.seed = 4; experiment.data.validationFraction = 0.3
        _ = try runExperiment(experiment, log: { _ in })
        let records = try JSONLinesFile<EpochRecord>(url: experiment.out.appendingPathComponent(ResultsFiles.epochs)).records
        for arm in [Arm.plain, .augmented] {
            var o = TrainOptions(experiment.data, out: dir.appendingPathComponent("train-\(arm)"))
            o.training = experiment.training; o.compute = experiment.compute; o.augmented = arm == .augmented; o.quiet = true
            let history = try runTrainJob(o, log: { _ in }).history
            let armRecords = records.filter { $0.arm == arm }.sorted { $0.epoch < $1.epoch }
            XCTAssertEqual(armRecords.map(\.valLoss), history.values["val_loss"]!.map { $0 }, "\(arm)")
            XCTAssertEqual(armRecords.map(\.loss), history.values["loss"]!.map { $0 }, "\(arm)")
            if arm == .augmented { XCTAssertEqual(armRecords.map(\.a), history.values["a"]!.map { $0 }) }
        }
    }

    func testTrainWritesHistoryWithTheDocumentedKeysAndWeights() throws {
        let dir = try temporaryFolder("train")
        let file = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: file, samples: 120, features: 6)
        var o = TrainOptions(data: file, out: dir.appendingPathComponent("out"))
        o.augmented = true; o.training.model = .mlp(hidden: [8]); o.training.epochs = 3; o.training.batchSize = 32;
        o.training.optimizer = .adam(learningRate: 0.01); o.quiet = true
        let result = try runTrainJob(o, log: { _ in })
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/history.json"))) as! [String: [Any]]
        for key in [
            "loss", "accuracy", "val_loss", "val_accuracy", "seconds", "a", "b", "w_norm", "neuron_max", "f0_loss", "f0_accuracy", "identity_residual",
            "diverging"
        ] {
            XCTAssertEqual(json[key]?.count, 3, key)
        }
        XCTAssertEqual(result.files.map(\.lastPathComponent), ["history.csv", "history.json", "weights.npz", "weights.weights.h5", "model.keras"])
        let weights = try NPZ.read(from: dir.appendingPathComponent("out/weights.npz"))
        XCTAssertEqual(weights["exp_neuron/w"]?.shape, [6])
        // The same weights for Keras: Keras 3's keys (by layer class), in the model's order.
        let keras = try KerasWeightsFile.read(from: dir.appendingPathComponent("out/weights.weights.h5"))
        XCTAssertEqual(keras.map(\.path), ["layers/dense", "layers/dense_1", "layers/exponential_neuron"])
        XCTAssertEqual(keras[2].variables[1], weights["exp_neuron/w"])
        // `predict` gives the same outputs from each of the three weight files.
        var outputs: [[Float]] = []
        for name in ["weights.npz", "weights.weights.h5", "model.keras"] {
            var p = PredictOptions(weights: dir.appendingPathComponent("out/\(name)"), data: file, out: dir.appendingPathComponent("p.npy"))
            p.model = .mlp(hidden: [8]); p.augmented = true
            outputs.append(try runPredictJob(p).values)
            XCTAssertEqual(try NPY.read(from: p.out).asFloats(), outputs.last)
        }
        XCTAssertEqual(outputs[0].count, 120)
        XCTAssertEqual(outputs[1], outputs[0])
        XCTAssertEqual(outputs[2], outputs[0])
    }

    /// Neurons per layer: weights files without model.keras; a plain network's weights start the base of a per-layer run.
    func testPerLayerTrainingStartsFromAPlainNetworksWeights() throws {
        let dir = try temporaryFolder("train-per-layer")
        let file = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: file, samples: 120, features: 6)
        var plain = TrainOptions(data: file, out: dir.appendingPathComponent("plain"))
        plain.training.model = .mlp(hidden: [8, 4]); plain.training.epochs = 2; plain.training.batchSize = 32; plain.quiet = true
        _ = try runTrainJob(plain, log: { _ in })
        var o = plain
        o.out = dir.appendingPathComponent("per-layer"); o.augmented = true; o.training.neuronPerLayer = true
        o.training.initWeights = dir.appendingPathComponent("plain/weights.weights.h5")
        var lines: [String] = []
        let result = try runTrainJob(o, log: { lines.append($0) })
        XCTAssertEqual(result.files.map(\.lastPathComponent), ["history.csv", "history.json", "weights.npz", "weights.weights.h5"])
        XCTAssertTrue(lines.contains { $0.contains("exp_neuron_dense_1") && $0.contains("drawn from seed") }, lines.joined(separator: "\n"))
        let weights = try NPZ.read(from: dir.appendingPathComponent("per-layer/weights.npz"))
        XCTAssertEqual(weights["exp_neuron_dense/w"]?.shape, [8], "the neuron on the first hidden layer reads its 8 outputs")
    }

    /// From the same initial-weights file and without shuffling, the seed changes nothing (the data
    /// file has its own validation set); with shuffling it does.
    func testInitialWeightsAndFileOrderMakeTheSeedIrrelevant() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("one-neuron-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let synthetic = dir.appendingPathComponent("synthetic.npz")
        try writeSyntheticData(to: synthetic, samples: 150, features: 6)
        let arrays = try NPZ.read(from: synthetic)
        let x = arrays["x"]!.asFloats(), y = arrays["y"]!.asFloats()
        let file = dir.appendingPathComponent("data.npz")
        try NPZ.write(
            [
                (name: "x", array: NDArray(shape: [100, 6], float32: Array(x[..<600]))), (name: "y", array: NDArray(shape: [100], float32: Array(y[..<100]))),
                (name: "x_val", array: NDArray(shape: [50, 6], float32: Array(x[600...]))),
                (name: "y_val", array: NDArray(shape: [50], float32: Array(y[100...])))
            ], to: file)
        func train(seed: UInt64, shuffle: Bool, augmented: Bool = false, initWeights: URL?, out: String) throws -> [Double] {
            var o = TrainOptions(data: file, out: dir.appendingPathComponent(out))
            o.training.model = .mlp(hidden: [8]); o.training.epochs = 3; o.training.batchSize = 32; o.training.optimizer = .adam(learningRate: 0.01);
            o.quiet = true
            o.training.seed = seed; o.training.shuffle = shuffle; o.training.initWeights = initWeights; o.augmented = augmented
            return try runTrainJob(o, log: { _ in }).history.values["val_loss"]!
        }
        _ = try train(seed: 5, shuffle: true, augmented: true, initWeights: nil, out: "start")
        let start = dir.appendingPathComponent("start/weights.weights.h5")
        let base = dir.appendingPathComponent("base.weights.h5")
        try KerasWeightsFile.write(Array(try KerasWeightsFile.read(from: start).prefix(2)), to: base)
        let first = try train(seed: 1, shuffle: false, initWeights: base, out: "a")
        XCTAssertEqual(try train(seed: 2, shuffle: false, initWeights: base, out: "b"), first)
        XCTAssertNotEqual(try train(seed: 2, shuffle: true, initWeights: base, out: "c"), first)
        // The augmented arm: a file with the neuron sets it too (the seed is irrelevant again); a
        // base-only file leaves the neuron to the seed.
        let both = try train(seed: 1, shuffle: false, augmented: true, initWeights: start, out: "d")
        XCTAssertEqual(try train(seed: 2, shuffle: false, augmented: true, initWeights: start, out: "e"), both)
        XCTAssertNotEqual(
            try train(seed: 1, shuffle: false, augmented: true, initWeights: base, out: "f"),
            try train(seed: 2, shuffle: false, augmented: true, initWeights: base, out: "g"))
    }
}
