import Foundation
import Results
import XCTest

/// Writes small synthetic results folders for the tests.
class ResultsFolderTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// The config of the standard results: 3 runs of 3 epochs, seeds 11, 12, 13.
    static var standardConfig: ExperimentConfig {
        ExperimentConfig(
            data: "eeg", split: "random", runs: 3, epochs: 3, model: "cnn", loss: "bce", optimizer: "adam:0.0002", batchSize: 128,
            lambda: 0.1, neuronInit: "uniform", standardize: false, seed: 11, checkpointEvery: 5, earlyStoppingPatience: 20,
            convAlgorithm: "direct")
    }

    static var config: String { try! standardConfig.text() }

    static func epochLine(run: Int, arm: String, epoch: Int, valAccuracy: Double?, a: Double? = nil, diverging: Bool = false) -> String {
        let accuracy = valAccuracy.map { "\($0)" } ?? "null"
        let loss = valAccuracy.map { "\(1.2 - $0)" } ?? "null"
        var line =
            "{\"schema_version\": \(ResultsSchema.version), \"run\": \(run), \"seed\": \(10 + run), \"arm\": \"\(arm)\", \"epoch\": \(epoch), \"loss\": \(loss), \"accuracy\": \(accuracy), "
        line += "\"val_loss\": \(loss), \"val_accuracy\": \(accuracy)"
        if arm == "augmented" {
            let aText = a.map { "\($0)" } ?? "null"
            line +=
                ", \"a\": \(aText), \"b\": 0.01, \"w_norm\": 0.3, \"neuron_max\": 1.1, \"f0_loss\": \(loss), \"f0_accuracy\": \(accuracy), \"identity_residual\": 1e-9, \"diverging\": \(diverging)"
        }
        return line + "}\n"
    }

    static func runLine(
        run: Int, arm: String, status: String = "completed", best: Double?, bestEpoch: Int?, finalA: Double? = nil, divergedEpoch: Int? = nil,
        cause: String? = nil
    ) -> String {
        func text(_ v: Double?) -> String { v.map { "\($0)" } ?? "null" }
        func text(_ v: Int?) -> String { v.map { "\($0)" } ?? "null" }
        let causeText = cause.map { "\"\($0)\"" } ?? "null"
        return
            "{\"schema_version\": \(ResultsSchema.version), \"run\": \(run), \"seed\": \(10 + run), \"arm\": \"\(arm)\", \"status\": \"\(status)\", \"diverged_epoch\": \(text(divergedEpoch)), \"cause\": \(causeText), "
            + "\"epochs\": 3, \"best_val_accuracy\": \(text(best)), \"best_epoch\": \(text(bestEpoch)), \"final_a\": \(text(finalA)), "
            + "\"identity_residual_max\": \(arm == "augmented" ? "2e-9" : "null"), \"diverging_flag\": \(status == "diverged" ? "true" : "false"), "
            + "\"early_stopping\": {\"scale_rule\": {\"epoch\": \(arm == "augmented" ? "2" : "null"), \"val_accuracy\": \(arm == "augmented" ? "0.7" : "null")}, "
            + "\"val_loss_rule\": {\"epoch\": 3, \"val_accuracy\": \(text(best))}}}\n"
    }

    /// 2 runs x 2 arms x 3 epochs completed, and a third run whose augmented arm diverged at epoch 2.
    func writeStandardResults() throws {
        try write("config.json", Self.config)
        var epochs = ""
        let accuracies: [String: [[Double]]] = [
            "plain": [[0.60, 0.70, 0.74], [0.58, 0.69, 0.72], [0.61, 0.68, 0.73]],
            "augmented": [[0.62, 0.72, 0.77], [0.60, 0.71, 0.75]]
        ]
        for run in 1...2 {
            for arm in ["plain", "augmented"] {
                for epoch in 1...3 {
                    epochs += Self.epochLine(run: run, arm: arm, epoch: epoch, valAccuracy: accuracies[arm]![run - 1][epoch - 1], a: 0.02 / Double(epoch))
                }
            }
        }
        for epoch in 1...3 {
            epochs += Self.epochLine(run: 3, arm: "plain", epoch: epoch, valAccuracy: accuracies["plain"]![2][epoch - 1])
        }
        epochs += Self.epochLine(run: 3, arm: "augmented", epoch: 1, valAccuracy: 0.5, a: 0.04)
        epochs += Self.epochLine(run: 3, arm: "augmented", epoch: 2, valAccuracy: nil, a: nil, diverging: true)
        try write("epochs.jsonl", epochs)
        var runs = ""
        runs += Self.runLine(run: 1, arm: "plain", best: 0.74, bestEpoch: 3)
        runs += Self.runLine(run: 1, arm: "augmented", best: 0.77, bestEpoch: 3, finalA: -0.0067)
        runs += Self.runLine(run: 2, arm: "plain", best: 0.72, bestEpoch: 3)
        runs += Self.runLine(run: 2, arm: "augmented", best: 0.75, bestEpoch: 3, finalA: 0.0067)
        runs += Self.runLine(run: 3, arm: "plain", best: 0.73, bestEpoch: 3)
        runs += Self.runLine(
            run: 3, arm: "augmented", status: "diverged", best: 0.5, bestEpoch: 1, finalA: nil, divergedEpoch: 2, cause: "exp overflow: w.x+b = 91.2 > 88.7")
        try write("runs.jsonl", runs)
    }
}
