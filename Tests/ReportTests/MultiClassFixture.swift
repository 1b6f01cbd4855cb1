import Foundation
import Report
import Results

/// A synthetic K = 3 results folder, written with the Results schema types (as an experiment
/// with `--target` writes it): config.json with "target" and "classes", augmented epoch records
/// carrying `neurons` (one per output) with the single-valued keys describing the neuron of largest
/// |a_k| and the largest residual, and run records summarising them.
extension ResultsFolderTestCase {
    static let multiClassK = 3

    /// a_k of run 1 per epoch (rows) and output (columns): at the end max_k |a_k| = 0.08 (k = 2, negative).
    static let runOneScales: [[Double]] = [[0.02, -0.04, 0.01], [0.03, -0.06, 0.02], [0.05, -0.08, 0.03]]
    /// Run 2: at the end max_k |a_k| = 0.07 (k = 3); neuron 1's a is the largest in epoch 1.
    static let runTwoScales: [[Double]] = [[0.09, 0.01, -0.02], [0.04, 0.02, -0.05], [0.01, 0.03, -0.07]]

    /// Identity residual of neuron k (0-based) in `epoch` of `run`: largest for run 1 at epoch 2, k = 0
    /// (5e-7), for run 2 at epoch 3, k = 2 (8e-7).
    static func residual(run: Int, epoch: Int, k: Int) -> Double {
        if run == 1 && epoch == 2 && k == 0 { return 5e-7 }
        if run == 2 && epoch == 3 && k == 2 { return 8e-7 }
        return 1e-7 * Double(k + 1) / Double(epoch)
    }

    static func multiClassConfig(target: String? = "subject", classes: Int = multiClassK) throws -> String {
        var config = ExperimentConfig(
            data: "eeg:eeg", split: "time", runs: 2, epochs: 3, model: "cnn", loss: "cce", optimizer: "adam:0.0002",
            batchSize: 128, lambda: 0.1, neuronInit: "scaled", standardize: false, seed: 11, checkpointEvery: 5,
            earlyStoppingPatience: 20, convAlgorithm: "direct")
        config.layout = "notebook"
        config.target = target
        config.classes = classes
        return try config.text()
    }

    func writeThreeClassResults() throws {
        try write("config.json", try Self.multiClassConfig())
        var epochs = "", runs = ""
        for run in 1...2 {
            let scales = run == 1 ? Self.runOneScales : Self.runTwoScales
            for arm in [Arm.plain, Arm.augmented] {
                var records: [EpochRecord] = []
                for epoch in 1...3 {
                    var record = EpochRecord(run: run, seed: UInt64(10 + run), arm: arm, epoch: epoch)
                    record.valAccuracy = 0.3 + 0.05 * Double(epoch) + (arm == .augmented ? 0.01 : 0)
                    record.valLoss = 1.1 - 0.1 * Double(epoch)
                    record.loss = record.valLoss
                    record.accuracy = record.valAccuracy
                    if arm == .augmented {
                        let neurons = (0..<Self.multiClassK).map { k in
                            NeuronEpochValues(
                                a: scales[epoch - 1][k], b: 0.01, wNorm: 0.2, identityResidual: Self.residual(run: run, epoch: epoch, k: k), diverging: false)
                        }
                        let largest = neurons.max { abs($0.a!) < abs($1.a!) }!
                        record.a = largest.a
                        record.b = largest.b
                        record.wNorm = largest.wNorm
                        record.identityResidual = neurons.compactMap(\.identityResidual).max()
                        record.diverging = false
                        record.neurons = neurons
                    }
                    records.append(record)
                    epochs += try JSON.encode(record) + "\n"
                }
                var summary = RunRecord(run: run, seed: UInt64(10 + run), arm: arm, outcome: TrainingOutcome(status: .completed, epochs: 3))
                summary.bestValAccuracy = records.last?.valAccuracy
                summary.bestEpoch = 3
                if arm == .augmented {
                    summary.finalA = records.last?.a
                    summary.identityResidualMax = records.compactMap(\.identityResidual).max()
                }
                runs += try JSON.encode(summary) + "\n"
            }
        }
        try write("epochs.jsonl", epochs)
        try write("runs.jsonl", runs)
    }
}
