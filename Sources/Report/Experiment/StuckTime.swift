import Diagnostics
import Document
import Results

/// What stopping stuck trainings saves (setting `stopStuck` N): a stuck training (no gradient got below some
/// layer in any batch of its last epochs) cannot recover, so its epochs after N stuck ones in a row are
/// wasted. With `stopStuck` in config.json it says what the stops saved; without, what
/// `stopStuck` 20 would have saved, and whether any best validation accuracy would have changed.
/// Counted in epochs, not seconds: the report is a function of the results alone, byte-identical for
/// any rerun, shard split or machine (each epoch's wall time is in timings.jsonl).
struct StuckTime {
    static let defaultStreak = 20
    let results: ExperimentResults
    /// How the text names the setting (`stopStuck`, or the command-line tool's `--stop-stuck`).
    var naming: SettingNaming = .library

    func blocks() -> [ReportBlock] {
        let stuck = results.runs.filter { $0.status == .stuck && $0.stuckSince != nil }
        guard !stuck.isEmpty else { return [] }
        let planned = results.config.epochs
        let setting = results.config.stopStuck
        let streak = setting ?? Self.defaultStreak
        var savedEpochs = 0, unchangedBest = 0
        var stops: [String] = []
        for run in stuck {
            let stopEpoch = min(planned, run.stuckSince! + streak - 1)
            let ranUntil = setting != nil ? run.epochs : stopEpoch
            savedEpochs += planned - ranUntil
            stops.append("\(run.arm.displayName) run \(run.run): stuck from epoch \(run.stuckSince!), stopped after \(ranUntil)")
            if setting == nil, let best = run.bestValAccuracy {
                let early = results.epochs.filter { $0.run == run.run && $0.arm == run.arm && $0.epoch <= stopEpoch }.compactMap(\.valAccuracy).max()
                if early == best { unchangedBest += 1 }
            }
        }
        // Epochs all finished trainings ran (a diverged one ran until it stopped), plus the ones the stops skipped.
        let ran = results.runs.map(\.epochs).reduce(0, +)
        let all = ran + (setting != nil ? savedEpochs : 0)
        let share =
            all > 0
            ? " of the \(all) epochs the finished trainings would run without it (\(ReportFormat.fixed(100 * Double(savedEpochs) / Double(all), 1))%)" : ""
        let seconds = " A stuck epoch is cheaper than a live one (the backward passes below the block are skipped); each epoch's wall time is in timings.jsonl."
        let text: String
        if let setting {
            text =
                "\(naming.name(.stopStuck)) \(setting) stopped \(stuck.count) stuck training(s) after \(setting) stuck epochs in a row (\(stops.joined(separator: "; "))): "
                + "\(savedEpochs) epochs not run\(share).\(seconds)"
        } else {
            text =
                "\(stuck.count) training(s) were stuck to the end. \(naming.name(.stopStuck)) \(streak) (stop after \(streak) stuck epochs in a row; a stuck training cannot recover once Adam's moments have decayed) "
                + "would have stopped them early (\(stops.joined(separator: "; "))): \(savedEpochs) epochs not run\(share). "
                + (unchangedBest == stuck.count
                    ? "Every one of them would have kept the same best validation accuracy."
                    : "\(unchangedBest) of \(stuck.count) would have kept the same best validation accuracy; in the others the layers above the block still raised it after that point.")
                + seconds
        }
        return [.heading("Time spent on stuck trainings", level: 3), .paragraph(text)]
    }
}
