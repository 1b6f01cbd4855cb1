import Foundation

/// What stopping stuck trainings saves (`--stop-stuck N`): a stuck training (no gradient got below some
/// layer in any batch of its last epochs) cannot recover, so its epochs after N stuck ones in a row are
/// wasted time. With `--stop-stuck` in config.json it says what the stops saved; without, what
/// `--stop-stuck 20` would have saved, and whether any best validation accuracy would have changed.
struct StuckTime {
    static let defaultStreak = 20
    let results: ExperimentResults
    /// Seconds per epoch of each training (run, arm) from timings.jsonl.
    let timings: [String: [Double]]

    init(results: ExperimentResults) {
        self.results = results
        var table: [String: [Double]] = [:]
        // timings.jsonl is optional (it only informs this paragraph): a missing or unreadable file gives no figures.
        let url = results.directory.appendingPathComponent(ResultsFiles.timings)
        if let lines = try? JSONLinesFile<EpochTiming>(url: url) {
            for t in lines.records { if let s = t.seconds { table["\(t.run)/\(t.arm.rawValue)", default: []].append(s) } }
        }
        timings = table
    }

    private func configInt(_ key: String) -> Int? {
        guard case .string(let text)? = results.config[key] else { return nil }
        return Int(text)
    }

    func blocks() -> [ReportBlock] {
        let stuck = results.runs.filter { $0.status == .stuck && $0.stuckSince != nil }
        guard !stuck.isEmpty, let planned = configInt("epochs") else { return [] }
        let setting = configInt("stop_stuck")
        let streak = setting ?? Self.defaultStreak
        var savedEpochs = 0, savedSeconds = 0.0, unchangedBest = 0
        var stops: [String] = []
        for run in stuck {
            let key = "\(run.run)/\(run.arm.rawValue)"
            let seconds = timings[key] ?? []
            let perEpoch = seconds.isEmpty ? 0 : seconds.reduce(0, +) / Double(seconds.count)
            let stopEpoch = min(planned, run.stuckSince! + streak - 1)
            let ranUntil = setting != nil ? run.epochs : stopEpoch
            savedEpochs += planned - ranUntil
            savedSeconds += Double(planned - ranUntil) * perEpoch
            stops.append("\(run.arm.displayName) run \(run.run): stuck from epoch \(run.stuckSince!), stopped after \(ranUntil)")
            if setting == nil, let best = run.bestValAccuracy {
                let early = results.epochs.filter { $0.run == run.run && $0.arm == run.arm && $0.epoch <= stopEpoch }.compactMap(\.valAccuracy).max()
                if early == best { unchangedBest += 1 }
            }
        }
        let spent = timings.values.reduce(0) { $0 + $1.reduce(0, +) }
        let share = spent > 0 ? " of the \(ReportFormat.fixed(spent, 1)) s all trainings took (\(ReportFormat.fixed(100 * savedSeconds / (spent + (setting != nil ? savedSeconds : 0)), 1))%)" : ""
        var text: String
        if let setting {
            text = "--stop-stuck \(setting) stopped \(stuck.count) stuck training(s) after \(setting) stuck epochs in a row (\(stops.joined(separator: "; "))): "
                + "\(savedEpochs) epochs not run (of \(planned) per training), about \(ReportFormat.fixed(savedSeconds, 1)) s at each training's mean epoch time\(share)."
        } else {
            text = "\(stuck.count) training(s) were stuck to the end. --stop-stuck \(streak) (stop after \(streak) stuck epochs in a row; a stuck training cannot recover once Adam's moments have decayed) "
                + "would have stopped them early (\(stops.joined(separator: "; "))): \(savedEpochs) epochs not run, about \(ReportFormat.fixed(savedSeconds, 1)) s saved at each training's mean epoch time\(share). "
                + (unchangedBest == stuck.count ? "Every one of them would have kept the same best validation accuracy."
                   : "\(unchangedBest) of \(stuck.count) would have kept the same best validation accuracy; in the others the layers above the block still raised it after that point.")
        }
        return [.heading("Time spent on stuck trainings", level: 3), .paragraph(text)]
    }
}
