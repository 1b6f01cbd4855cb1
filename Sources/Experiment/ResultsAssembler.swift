import Foundation
import IO
import Results

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
        for unit in units.sorted(by: { ($0.run, $0.arm == .plain ? 0 : 1) < ($1.run, $1.arm == .plain ? 0 : 1) }) {
            let folder = out.appendingPathComponent(ResultsFiles.trainings).appendingPathComponent(unit.folderName)
            // Lines are copied as written (a torn last line of a training still running is left out).
            let epochs = try readLines(EpochRecord.self, folder.appendingPathComponent(ResultsFiles.epochs))
            epochLines += epochs.map(\.text)
            timingLines += try readLines(EpochTiming.self, folder.appendingPathComponent(ResultsFiles.timings)).map(\.text)
            let records = epochs.map(\.record)
            csvRows += records.map(\.csvRow)
            let outcomeFile = folder.appendingPathComponent(ResultsFiles.outcome)
            guard FileManager.default.fileExists(atPath: outcomeFile.path) else { continue }
            let outcome = try JSONFile.read(TrainingOutcome.self, from: outcomeFile, fix: "Delete this training's folder to rerun it")
            runLines.append(try JSON.encode(runRecord(unit, outcome, records)))
        }
        try AtomicFile.write(Data(epochLines.map { $0 + "\n" }.joined().utf8), to: out.appendingPathComponent(ResultsFiles.epochs))
        try AtomicFile.write(Data(timingLines.map { $0 + "\n" }.joined().utf8), to: out.appendingPathComponent(ResultsFiles.timings))
        try AtomicFile.write(Data(runLines.map { $0 + "\n" }.joined().utf8), to: out.appendingPathComponent(ResultsFiles.runs))
        try CSV.write(header: EpochRecord.csvHeader, rows: csvRows, to: out.appendingPathComponent(ResultsFiles.epochsCSV))
    }

    private func readLines<R: JSONLinesRecord>(_ type: R.Type, _ url: URL) throws -> [JSONLinesFile<R>.Line] {
        FileManager.default.fileExists(atPath: url.path) ? try JSONLinesFile<R>(url: url).lines : []
    }

    /// The summary of a finished training: best validation accuracy, the neuron's final values
    /// and where both early-stopping rules would have stopped.
    private func runRecord(_ unit: TrainingUnit, _ outcome: TrainingOutcome, _ records: [EpochRecord]) -> RunRecord {
        func series(_ value: (EpochRecord) -> Double?) -> [Double] { records.map { value($0) ?? .nan } }
        let valAcc = series(\.valAccuracy), valLoss = series(\.valLoss)
        var run = RunRecord(run: unit.run, seed: unit.seed, arm: unit.arm, outcome: outcome)
        // Stuck: a completed training whose epochs learned nothing below some layer up to the end.
        if outcome.status == .completed, let last = records.last, let layer = last.stuckBelow {
            run.status = .stuck
            run.stuckSince = records.trailingStuckStreak.last?.epoch
            run.stuckLayer = layer
            run.stuckPart = last.stuckPart ?? "model"
        }
        for (i, v) in valAcc.enumerated() where v.isFinite && (run.bestValAccuracy == nil || v > run.bestValAccuracy!) {
            run.bestValAccuracy = v
            run.bestEpoch = i + 1
        }
        run.valLossRule = replayValidationLossRule(valLoss: valLoss, valAccuracy: valAcc, patience: patience)
        run.scaleRule = .never
        if unit.arm == .augmented {
            let a = series(\.a)
            // Several neurons: the largest change of any a_k between consecutive epochs (as NeuronMonitor logs it).
            let change: [Double?]? =
                records.contains { ($0.neurons?.count ?? 0) > 1 }
                ? records.indices.map { i in
                    guard i > 0, let now = records[i].neurons, let before = records[i - 1].neurons, now.count == before.count else { return nil }
                    return zip(now, before).map { abs(($0.a ?? .nan) - ($1.a ?? .nan)) }.max()
                } : nil
            run.scaleRule = replayScaleRule(a: a, change: change, valLoss: valLoss, valAccuracy: valAcc, patience: patience)
            run.finalA = finite(a.last)
            run.identityResidualMax = series(\.identityResidual).filter(\.isFinite).max()
            run.divergingFlag = records.contains { $0.diverging == true }
        }
        return run
    }
}
