import Foundation
import Report
import Tensor
import Training

/// Builds the experiment-level files from the per-training folders, in canonical order
/// (run, then arm), atomically: epochs.jsonl, epochs.csv, timings.jsonl, runs.jsonl.
/// Deterministic: the same trainings give the same bytes whatever the job order or interruptions.
struct ResultsAssembler {
    let out: URL
    let units: [TrainingUnit]
    let patience: Int

    func assemble() throws {
        var epochLines: [String] = [], timingLines: [String] = [], runLines: [String] = []
        var csvRows: [[String]] = []
        let csvKeys = ["run", "seed", "arm", "epoch"] + epochKeys + neuronKeys + ["diverging"]
        for unit in units.sorted(by: { ($0.run, $0.arm == .plain ? 0 : 1) < ($1.run, $1.arm == .plain ? 0 : 1) }) {
            let folder = out.appendingPathComponent("trainings").appendingPathComponent(unit.folderName)
            let epochsFile = folder.appendingPathComponent("epochs.jsonl")
            let lines = FileManager.default.fileExists(atPath: epochsFile.path) ? try AtomicFile.readCompleteLines(from: epochsFile) : []
            epochLines += lines
            let timings = folder.appendingPathComponent("timings.jsonl")
            if FileManager.default.fileExists(atPath: timings.path) { timingLines += try AtomicFile.readCompleteLines(from: timings) }
            let records = try lines.map { try EpochValues(line: $0) }
            for r in records {
                csvRows.append(csvKeys.map { key in
                    switch key {
                    case "run": return "\(unit.run)"
                    case "seed": return "\(unit.seed)"
                    case "arm": return unit.arm.rawValue
                    case "epoch": return "\(r.epoch)"
                    default: return r.values[key].map(csvNumber) ?? ""
                    }
                })
            }
            let outcomeFile = folder.appendingPathComponent("outcome.json")
            guard FileManager.default.fileExists(atPath: outcomeFile.path) else { continue }
            let outcome = try JSONDecoder().decode(TrainingOutcome.self, from: Data(contentsOf: outcomeFile))
            runLines.append(runLine(unit, outcome, records))
        }
        try AtomicFile.write(Data(epochLines.map { $0 + "\n" }.joined().utf8), to: out.appendingPathComponent("epochs.jsonl"))
        try AtomicFile.write(Data(timingLines.map { $0 + "\n" }.joined().utf8), to: out.appendingPathComponent("timings.jsonl"))
        try AtomicFile.write(Data(runLines.map { $0 + "\n" }.joined().utf8), to: out.appendingPathComponent("runs.jsonl"))
        try CSV.write(header: csvKeys, rows: csvRows, to: out.appendingPathComponent("epochs.csv"))
    }

    private func runLine(_ unit: TrainingUnit, _ outcome: TrainingOutcome, _ records: [EpochValues]) -> String {
        func series(_ key: String) -> [Double] { records.map { $0.values[key] ?? .nan } }
        let valAcc = series("val_accuracy"), valLoss = series("val_loss")
        var best: (Double, Int)?
        for (i, v) in valAcc.enumerated() where v.isFinite && (best == nil || v > best!.0) { best = (v, i + 1) }
        let valRule = replayValidationLossRule(valLoss: valLoss, valAccuracy: valAcc, patience: patience)
        var scaleRule = StopPoint(epoch: nil, valAccuracy: nil)
        var finalA: Double?, residualMax: Double?, divergingFlag = false
        if unit.arm == .augmented {
            let a = series("a")
            scaleRule = replayScaleRule(a: a, valLoss: valLoss, valAccuracy: valAcc, patience: patience)
            finalA = a.last
            residualMax = series("identity_residual").filter(\.isFinite).max()
            divergingFlag = series("diverging").contains { $0 > 0 }
        }
        func num(_ v: Double?) -> String { v.map(jsonNumber) ?? "null" }
        func int(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        func stop(_ s: StopPoint) -> String { "{\"epoch\": \(int(s.epoch)), \"val_accuracy\": \(num(s.valAccuracy))}" }
        let fields = [
            "\"run\": \(unit.run)", "\"seed\": \(unit.seed)", "\"arm\": \"\(unit.arm.rawValue)\"",
            "\"status\": \"\(outcome.status)\"", "\"diverged_epoch\": \(int(outcome.divergedEpoch))",
            "\"cause\": \(outcome.cause.map(jsonString) ?? "null")", "\"epochs\": \(outcome.epochs)",
            "\"best_val_accuracy\": \(num(best?.0))", "\"best_epoch\": \(int(best?.1))",
            "\"final_a\": \(num(finalA))", "\"identity_residual_max\": \(num(residualMax))",
            "\"diverging_flag\": \(divergingFlag)",
            "\"early_stopping\": {\"scale_rule\": \(stop(scaleRule)), \"val_loss_rule\": \(stop(valRule))}",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
