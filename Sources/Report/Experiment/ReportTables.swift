import Document
import Results
import Stats

/// The tables of an experiment report (besides the statistical comparison).
struct ReportTables {
    let results: ExperimentResults

    func runs(_ arm: Arm) -> [RunRecord] {
        results.runs.filter { $0.arm == arm }
    }

    /// Best validation accuracies of live runs: completed, neither stuck nor diverged (a run without one is left out).
    func completedBest(_ arm: Arm) -> [Double] {
        runs(arm).filter { $0.status == .completed }.compactMap(\.bestValAccuracy)
    }

    /// Best validation accuracy of every finished run, a failed (stuck or diverged) run counting as 0.
    func bestCountingFailures(_ arm: Arm) -> [Double] {
        runs(arm).map { $0.status == .completed ? ($0.bestValAccuracy ?? 0) : 0 }
    }

    /// Runs of `arm` that ended with `status`.
    func count(_ arm: Arm, _ status: RunStatus) -> Int { runs(arm).filter { $0.status == status }.count }

    /// The status column: "stuck since epoch 3 below dense (base network)" for a stuck run.
    static func statusText(_ run: RunRecord) -> String {
        guard run.status == .stuck else { return run.status.rawValue }
        let part = run.stuckPart == "base" ? " (base network; the neuron still learns)" : ""
        return "stuck since epoch \(run.stuckSince.map(String.init) ?? "?") below \(run.stuckLayer ?? "?")\(part)"
    }

    /// (with, without) pairs of runs present in both arms, with `value` picking each run's number.
    func pairs(_ value: (RunRecord) -> Double?) -> [(Double, Double)] {
        results.runIndices.compactMap { run in
            guard let with = results.runRecord(run: run, arm: .augmented), let without = results.runRecord(run: run, arm: .plain),
                let x = value(with), let y = value(without)
            else { return nil }
            return (x, y)
        }
    }

    /// Per arm: run counts and the mean, std, min and max of best validation accuracies.
    func armSummary() -> ReportTable {
        var rows: [[String]] = []
        for arm in [Arm.plain, Arm.augmented] {
            let all = runs(arm)
            let completed = completedBest(arm)
            let failures = bestCountingFailures(arm)
            rows.append([
                arm.displayName,
                "\(all.count)",
                "\(count(arm, .completed))",
                "\(count(arm, .stuck))",
                "\(count(arm, .diverged))",
                completed.isEmpty ? ReportFormat.missing : ReportFormat.fixed(Stats.mean(completed)),
                completed.count < 2 ? ReportFormat.missing : ReportFormat.fixed(sampleStandardDeviation(completed)),
                ReportFormat.fixed(completed.min()),
                ReportFormat.fixed(completed.max()),
                failures.isEmpty ? ReportFormat.missing : ReportFormat.fixed(Stats.mean(failures))
            ])
        }
        return ReportTable(
            headers: [
                "Arm", "Finished runs", "Completed", "Stuck", "Diverged", "Mean best val. accuracy (completed)",
                "Std (completed)", "Min", "Max", "Mean counting stuck and diverged as 0"
            ], rows: rows)
    }

    /// The dead units of each ReLU layer in the run's last recorded epoch: "conv2d 0/32, dense 10/10".
    func finalDeadUnits(_ run: RunRecord) -> String {
        guard let last = results.epochs.last(where: { $0.run == run.run && $0.arm == run.arm }), let counts = last.deadUnits else {
            return ReportFormat.missing
        }
        return counts.map { "\($0.layer) \($0.dead)/\($0.units)" }.joined(separator: ", ")
    }

    /// True when the augmented arm has one neuron per output unit (K > 1 in config.json, or records with `neurons`).
    var multiNeuron: Bool {
        ExperimentTask(config: results.config)?.isMultiClass == true || OutputNeurons.count(results.epochs) > 1
    }

    /// The run's final |a|; with one neuron per output, max_k |a_k| of its last epoch record (the
    /// run record's |final_a| when that record has no `neurons`).
    func finalScale(_ run: RunRecord) -> Double? {
        guard multiNeuron, let last = results.epochs(run: run.run, arm: run.arm).last, last.neurons?.isEmpty == false else {
            return run.finalA.map(abs)
        }
        return OutputNeurons.largestScale(last)
    }

    /// The run's largest identity residual over epochs; with one neuron per output also over the
    /// neurons (the run record's value when its records have no `neurons`).
    func largestResidual(_ run: RunRecord) -> Double? {
        guard multiNeuron, let largest = OutputNeurons.largestResidual(results.epochs(run: run.run, arm: run.arm)) else {
            return run.identityResidualMax
        }
        return largest
    }

    /// Per run and arm: status, best accuracy, final |a| (max_k |a_k|), identity residual, divergence flags and dead units.
    func runTable() -> ReportTable {
        let multiNeuron = multiNeuron
        let rows = results.runs.map { run -> [String] in
            [
                "\(run.run)", "\(run.seed)", run.arm.displayName, ReportTables.statusText(run), "\(run.epochs)",
                ReportFormat.fixed(run.bestValAccuracy), ReportFormat.integer(run.bestEpoch),
                run.arm == .augmented ? ReportFormat.significant(finalScale(run)) : "-",
                run.arm == .augmented ? ReportFormat.significant(largestResidual(run)) : "-",
                ReportFormat.yesNo(run.divergingFlag),
                ReportFormat.integer(run.divergedEpoch),
                run.cause ?? "",
                finalDeadUnits(run)
            ]
        }
        return ReportTable(
            headers: [
                "Run", "Seed", "Arm", "Status", "Epochs", "Best val. accuracy", "Best epoch",
                multiNeuron ? "Final max_k |a_k|" : "Final |a|",
                multiNeuron ? "Max identity residual (over k and epochs)" : "Max identity residual", "Diverging flag", "Diverged at epoch", "Cause",
                "Dead ReLU units, last epoch"
            ], rows: rows)
    }

    /// Per run and arm: where each early-stopping rule would have stopped, next to the best epoch.
    func earlyStoppingTable() -> ReportTable {
        let rows = results.runs.map { run -> [String] in
            [
                "\(run.run)", run.arm.displayName,
                ReportFormat.integer(run.bestEpoch), ReportFormat.fixed(run.bestValAccuracy),
                ReportFormat.integer(run.scaleRule?.epoch), ReportFormat.fixed(run.scaleRule?.valAccuracy),
                ReportFormat.integer(run.valLossRule?.epoch), ReportFormat.fixed(run.valLossRule?.valAccuracy)
            ]
        }
        return ReportTable(
            headers: [
                "Run", "Arm", "Best epoch", "Best val. accuracy", "Scale rule: stop epoch", "Scale rule: val. accuracy",
                "Val-loss rule: stop epoch", "Val-loss rule: val. accuracy"
            ], rows: rows)
    }

    /// Every configuration key and value, in schema (file) order.
    func configTable() -> ReportTable {
        ReportTable(headers: ["Setting", "Value"], rows: results.config.settings.map { [$0.key, $0.value] })
    }
}
