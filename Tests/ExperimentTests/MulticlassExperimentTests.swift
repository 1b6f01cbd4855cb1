import EEG
import Experiment
import Foundation
import IO
import NN
import Tensor
import XCTest

/// Experiments over k classes: option checks, a k-class .npz experiment end to end.
final class MulticlassExperimentTests: XCTestCase {
    /// Three classes of points in the plane around (c, 0), c = 0, 1, 2, with labels as int64 indices.
    private func writeThreeClassData(to url: URL, samples: Int = 150) throws {
        var g = SeededGenerator(seed: 3)
        var x: [Float] = [], y: [Int64] = []
        for _ in 0..<samples {
            let c = Int64(g.next() % 3)
            x += [Float(c) + g.uniform(-0.3, 0.3), g.uniform(-1, 1)]
            y.append(c)
        }
        try NPZ.write([(name: "x", array: NDArray(shape: [samples, 2], float32: x)), (name: "y", array: NDArray(shape: [samples], int64: y))], to: url)
    }

    /// `predict` of a 3-class model reads the class count from each weights file `train` wrote (no --classes),
    /// and says what to give when the file cannot tell.
    func testPredictReadsTheClassCountFromTheWeights() throws {
        let dir = try temporaryFolder("mc-predict")
        let data = dir.appendingPathComponent("three.npz")
        try writeThreeClassData(to: data, samples: 60)
        var train = TrainOptions(data: data, out: dir.appendingPathComponent("out"))
        train.training.model = .mlp(hidden: [8]); train.training.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false)
        train.training.epochs = 1; train.training.batchSize = 32; train.quiet = true; train.augmented = true
        _ = try runTrainJob(train, log: { _ in })
        var outputs: [[Float]] = []
        for name in ["weights.npz", "weights.weights.h5", "model.keras"] {
            var p = PredictOptions(weights: dir.appendingPathComponent("out/\(name)"), data: data, out: dir.appendingPathComponent("p.npy"))
            p.model = .mlp(hidden: [8]); p.augmented = true; p.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false)
            let result = try runPredictJob(p)
            XCTAssertEqual(result.perSample, 3, name)
            XCTAssertEqual(try NPY.read(from: p.out).shape, [60, 3], name)
            outputs.append(result.values)
        }
        XCTAssertEqual(outputs[1], outputs[0]); XCTAssertEqual(outputs[2], outputs[0])
        // A file without the output layer's bias: the error names the file and the fix.
        let empty = dir.appendingPathComponent("empty.npz")
        try NPZ.write([(name: "other", array: NDArray(shape: [1], float32: [0]))], to: empty)
        var p = PredictOptions(weights: empty, data: data, out: dir.appendingPathComponent("q.npy"))
        p.model = .mlp(hidden: [8]); p.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false)
        XCTAssertThrowsError(try runPredictJob(p)) { XCTAssertTrue("\($0)".contains("empty.npz") && "\($0)".contains("set classes"), "\($0)") }
    }

    func testOptionsResolveTheClassCountAndRefuseWhatCannotWork() throws {
        let dir = try temporaryFolder("mc-options")
        let data = dir.appendingPathComponent("three.npz")
        try writeThreeClassData(to: data)
        var o = ExperimentOptions(source: .data(data), out: dir.appendingPathComponent("out"))
        o.training.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false)
        XCTAssertEqual(try o.resolved().classes, 3)
        XCTAssertEqual(try o.resolved().configuration.classes, 3)
        o.training.loss = .polynomialHinge(power: 3)
        XCTAssertEqual(try o.resolved().classes, 2)
        XCTAssertFalse(try o.resolved().configuration.settings.contains { $0.key == "classes" || $0.key == "target" }, "binary configurations name neither")
        o.data.target = .subject
        XCTAssertThrowsError(try o.resolved()) { XCTAssertTrue("\($0)".contains("target applies to EEG data"), "\($0)") }
        var eeg = ExperimentOptions(source: .eeg(directory: dir, layout: .notebook), out: dir)
        eeg.data.target = .subject
        // The library picks the target's defaults: softmax cross-entropy and the time split.
        XCTAssertEqual(try eeg.resolved().classes, 8)
        XCTAssertEqual(try eeg.resolved().loss, .softmaxCrossEntropy(fromLogits: true, sparse: false))
        XCTAssertEqual(try eeg.resolved().configuration.split, "time")
        eeg.training.loss = .polynomialHinge(power: 3)
        XCTAssertThrowsError(try eeg.resolved()) { XCTAssertTrue("\($0)".contains("8 classes; set loss to cce"), "\($0)") }
        eeg.training.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false)
        XCTAssertEqual(try eeg.resolved().classes, 8)
        eeg.data.split = .subject(3)
        XCTAssertThrowsError(try eeg.resolved()) { XCTAssertTrue("\($0)".contains("set split to time"), "\($0)") }
        eeg.data.split = .time
        eeg.training.loss = .softmaxCrossEntropy(fromLogits: false, sparse: false)
        XCTAssertThrowsError(try eeg.resolved()) { XCTAssertTrue("\($0)".contains("probabilities"), "\($0)") }
        eeg.data.target = .session; eeg.training.loss = .multiclassHinge(power: 3)
        XCTAssertEqual(try eeg.resolved().classes, 16)
        // Leaving sessions out: EEG only, recorded, names checked.
        eeg.data.excludedSessions = [try EEGSession(name: "ML106_US"), try EEGSession(name: "ML106_KS.csv")]
        XCTAssertEqual(try eeg.resolved().configuration.excludeSessions, "ML106_US,ML106_KS")
        XCTAssertThrowsError(try EEGSession(name: "ML109_US")) { XCTAssertTrue("\($0)".contains("ML101_KS, ML101_US"), "\($0)") }
        o.data.target = .task; o.data.excludedSessions = [try EEGSession(name: "ML103_US")]
        XCTAssertThrowsError(try o.resolved()) { XCTAssertTrue("\($0)".contains("applies to EEG data"), "\($0)") }
    }

    func testThreeClassExperimentRecordsEveryNeuronAndReports() throws {
        let dir = try temporaryFolder("mc-npz")
        let data = dir.appendingPathComponent("three.npz")
        try writeThreeClassData(to: data)
        var o = ExperimentOptions(source: .data(data), out: dir.appendingPathComponent("out"))
        o.runs = 2; o.training.epochs = 10; o.training.model = .mlp(hidden: [8]); o.training.optimizer = .adam(learningRate: 0.03); o.training.batchSize = 32
        o.training.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false); o.quiet = true; o.compute.threads = 1
        let summary = try runExperiment(o, log: { _ in })
        XCTAssertEqual(summary.trainings, 4)
        XCTAssertEqual(summary.diverged, 0)
        XCTAssertNotNil(summary.report)
        let config = try String(contentsOf: o.out.appendingPathComponent("config.json"), encoding: .utf8)
        XCTAssertTrue(config.contains("\"classes\": 3") && config.contains("\"loss\": \"cce\""), config)
        let lines = try String(contentsOf: o.out.appendingPathComponent("epochs.jsonl"), encoding: .utf8).split(separator: "\n")
        let augmented = lines.filter { $0.contains("\"arm\": \"augmented\"") || $0.contains("\"arm\":\"augmented\"") }
        XCTAssertEqual(augmented.count, 20)
        for line in augmented {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let neurons = try XCTUnwrap(record["neurons"] as? [[String: Any]], String(line))
            XCTAssertEqual(neurons.count, 3)
            let largest = neurons.map { abs($0["a"] as! Double) }.max()!
            XCTAssertEqual(abs(record["a"] as! Double), largest, "the summary a is the neuron farthest from zero")
            XCTAssertLessThan(neurons.map { $0["identity_residual"] as! Double }.max()!, 1e-3)
        }
        let plain = lines.filter { !$0.contains("augmented") }
        XCTAssertFalse(plain.contains { $0.contains("neurons") })
        let accuracy = plain.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }.compactMap {
            $0["val_accuracy"] as? Double
        }
        XCTAssertGreaterThan(accuracy.max()!, 0.6, "top-1 accuracy on three separated clusters")
    }

    func testNeuronsPerLayerAreRecordedForEveryLayerAndRefusedForTheCNN() throws {
        let dir = try temporaryFolder("mc-per-layer")
        let data = dir.appendingPathComponent("three.npz")
        try writeThreeClassData(to: data)
        var o = ExperimentOptions(source: .data(data), out: dir.appendingPathComponent("out"))
        o.runs = 1; o.training.epochs = 3; o.training.model = .mlp(hidden: [8, 4]); o.training.optimizer = .adam(learningRate: 0.03); o.training.batchSize = 32
        o.training.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false); o.quiet = true; o.compute.threads = 1; o.training.neuronPerLayer = true
        let summary = try runExperiment(o, log: { _ in })
        XCTAssertEqual(summary.diverged, 0)
        let config = try String(contentsOf: o.out.appendingPathComponent("config.json"), encoding: .utf8)
        XCTAssertTrue(config.contains("\"neuron_per_layer\": true"), config)
        let lines = try String(contentsOf: o.out.appendingPathComponent("epochs.jsonl"), encoding: .utf8).split(separator: "\n")
        let augmented = try XCTUnwrap(lines.last { $0.contains("augmented") })
        let record = try JSONSerialization.jsonObject(with: Data(augmented.utf8)) as! [String: Any]
        XCTAssertEqual((record["neurons"] as? [[String: Any]])?.count, 9, "3 outputs x (input + 2 hidden layers)")
        var cnn = o
        cnn.training.model = .seedCNN
        XCTAssertThrowsError(try cnn.resolved()) { XCTAssertTrue("\($0)".contains("fully connected"), "\($0)") }
    }

    /// Subject identification without subject 6's sessions (the recordings' artifacts): the frames
    /// are left out of both sets, the class without frames is noted, and the training runs.
    func testSubjectTargetWithoutTheArtifactSessions() throws {
        let eeg = eegDirectory()
        guard FileManager.default.fileExists(atPath: eeg.appendingPathComponent("ML101_KS.csv").path) else {
            return XCTFail("EEG recordings not found at \(eeg.path); set ONE_NEURON_EEG_DATA")
        }
        var o = ExperimentOptions(source: .eeg(directory: eeg, layout: .notebook), out: try temporaryFolder("mc-exclude"))
        o.data.target = .subject; o.data.split = .time; o.training.loss = .softmaxCrossEntropy(fromLogits: true, sparse: false)
        o.data.excludedSessions = [try EEGSession(name: "ML106_KS"), try EEGSession(name: "ML106_US")]
        o.runs = 1; o.training.epochs = 1; o.training.model = .mlp(hidden: [4]); o.training.neuronInit = .zeroW; o.training.standardize = true
        o.quiet = true; o.compute.threads = 1
        let summary = try runExperiment(o, log: { _ in })
        XCTAssertEqual(summary.trainings, 2)
        let notes = try String(contentsOf: o.out.appendingPathComponent("data_notes.txt"), encoding: .utf8)
        XCTAssertTrue(notes.contains("excluded sessions ML106_KS, ML106_US: 504 frames left out"), notes)
        XCTAssertTrue(notes.contains("classes without frames after the exclusion: ML106") && notes.contains("7 of 8 classes"), notes)
    }
}
