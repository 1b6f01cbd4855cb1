import Document
import Results
import Stats

/// The report's answers to "does the neuron change how often training fails?" (Fisher's exact test
/// on failed vs live runs per arm) and "how many runs would an answer need?" (t-test power, as
/// statsmodels' TTestIndPower / TTestPower, from the observed spread; Fisher's exact power from the observed failure rates).
struct FailuresAndPower {
    let tables: ReportTables
    /// The seed write-up's claim: mean best validation accuracy 0.82195 with vs 0.81207 without.
    static let seedClaimedDifference = 0.82195 - 0.81207
    static let alpha = 0.05, targetPower = 0.8
    /// Asymptotic relative efficiency of Mann-Whitney to the t-test for normal data (3/pi): it needs
    /// about 1/0.955 times the t-test's runs.
    static let mannWhitneyEfficiency = 3 / Double.pi

    private func failures(_ arm: Arm) -> (failed: Int, live: Int) {
        let all = tables.runs(arm)
        let failed = all.filter { $0.status != .completed }.count
        return (failed, all.count - failed)
    }

    func failureBlocks() -> [ReportBlock] {
        let with = failures(.augmented), without = failures(.plain)
        var rows: [[String]] = []
        for (arm, counts) in [(Arm.plain, without), (Arm.augmented, with)] {
            let total = counts.failed + counts.live
            rows.append([
                arm.displayName, "\(counts.failed)", "\(counts.live)",
                total == 0 ? ReportFormat.missing : ReportFormat.fixed(Double(counts.failed) / Double(total), 3)
            ])
        }
        var text = "Failed = stuck or diverged. Fisher's exact test (two-sided) on the 2x2 table of failed and live runs per arm"
        if let test = try? FisherExact.test(a: with.failed, b: with.live, c: without.failed, d: without.live) {
            text +=
                ": p = \(ReportFormat.significant(test.pValue)), odds ratio (with / without) = \(test.oddsRatio.isInfinite ? "inf" : ReportFormat.significant(test.oddsRatio))."
        } else {
            text += ": not computed (no finished runs)."
        }
        return [
            .heading("Failure rates", level: 2), .paragraph(text),
            .table(ReportTable(headers: ["Arm", "Failed", "Live", "Failure rate"], rows: rows))
        ]
    }

    /// What Fisher's exact test on failure rates can detect with this many runs, and the runs the observed rates would need.
    func failureRatePowerLines() -> [String] {
        let with = failures(.augmented), without = failures(.plain)
        let n = min(with.failed + with.live, without.failed + without.live)
        guard n >= 1, let analysis = try? FisherExactPower(alpha: Self.alpha) else { return [] }
        let rateWithout = Double(without.failed) / Double(without.failed + without.live)
        let rateWith = Double(with.failed) / Double(with.failed + with.live)
        var lines: [String] = []
        if let rates = try? analysis.detectableRates(n: n, baseline: rateWithout, power: Self.targetPower) {
            let sides = [rates.lower.map { "\(ReportFormat.fixed($0, 3)) or less" }, rates.upper.map { "\(ReportFormat.fixed($0, 3)) or more" }].compactMap {
                $0
            }
            let start =
                "With \(n) runs per arm and the observed failure rate \(ReportFormat.fixed(rateWithout, 3)) without neuron, Fisher's exact test (two-sided, alpha 0.05) detects with power 0.8"
            lines.append(
                sides.isEmpty
                    ? start + " no failure rate with neuron at all: this many runs cannot show that the neuron changes how often training fails."
                    : start + " a failure rate with neuron of " + sides.joined(separator: " or ") + ".")
        }
        if rateWith == rateWithout {
            lines.append("The observed failure rates are equal (\(ReportFormat.fixed(rateWith, 3)) in both arms): no difference to size a study for.")
        } else if let runs = try? analysis.runsNeeded(p1: rateWith, p2: rateWithout, power: Self.targetPower) {
            lines.append(
                "Runs per arm needed for Fisher's exact test to detect the observed failure rates (\(ReportFormat.fixed(rateWith, 3)) with vs \(ReportFormat.fixed(rateWithout, 3)) without neuron) with power 0.8: \(runs)."
            )
        } else {
            lines.append(
                "Detecting the observed failure rates (\(ReportFormat.fixed(rateWith, 3)) with vs \(ReportFormat.fixed(rateWithout, 3)) without neuron) with power 0.8 would need more than 500 runs per arm."
            )
        }
        return lines
    }

    func powerBlocks() -> [ReportBlock] {
        var lines: [String] = []
        let with = tables.completedBest(.augmented), without = tables.completedBest(.plain)
        if with.count >= 2 && without.count >= 2, let analysis = try? TTestIndPower() {
            let pooled = pooledStandardDeviation(with, without)
            let n = Double(min(with.count, without.count))
            if let d = try? analysis.minimumDetectableEffect(n: n, power: Self.targetPower, alpha: Self.alpha) {
                lines.append(
                    "With \(Int(n)) live runs per arm and the observed pooled standard deviation \(ReportFormat.significant(pooled)) of the best accuracy, a two-sided t-test (alpha 0.05, power 0.8) detects a difference in mean best accuracy of \(ReportFormat.fixed(d * pooled)) or more (\(ReportFormat.fixed(d, 2)) standard deviations); the seed claimed \(ReportFormat.fixed(Self.seedClaimedDifference))."
                )
            }
            if pooled > 0, let runs = try? analysis.solveN(effectSize: Self.seedClaimedDifference / pooled, power: Self.targetPower, alpha: Self.alpha) {
                lines.append(
                    "Independent runs per arm needed to detect the seed's +\(ReportFormat.fixed(Self.seedClaimedDifference)) with that spread: \(ReportFormat.fixed(runs, 1)) for the t-test, about \(ReportFormat.fixed(runs / Self.mannWhitneyEfficiency, 1)) for Mann-Whitney (asymptotic relative efficiency 3/pi = 0.955 for normal data; not simulated)."
                )
            }
        } else {
            lines.append("Power needs at least 2 live runs per arm (have \(with.count) with neuron, \(without.count) without).")
        }
        let pairs = tables.pairs { $0.status == .completed ? $0.bestValAccuracy : nil }
        if pairs.count >= 2 {
            let differences = pairs.map { $0.0 - $0.1 }
            let sd = sampleStandardDeviation(differences)
            if sd > 0, let runs = try? TTestPower().solveN(effectSize: Self.seedClaimedDifference / sd, power: Self.targetPower, alpha: Self.alpha) {
                lines.append(
                    "Paired runs needed to detect +\(ReportFormat.fixed(Self.seedClaimedDifference)) with the observed standard deviation \(ReportFormat.significant(sd)) of the \(pairs.count) paired differences (paired t-test, two-sided, alpha 0.05, power 0.8): \(ReportFormat.fixed(runs, 1))."
                )
            }
        }
        lines += failureRatePowerLines()
        lines.append(
            "Statistics as statsmodels' TTestIndPower / TTestPower (one-neuron stats power gives the same numbers for other inputs); failure-rate power is the exact power of Fisher's test, every outcome enumerated (one-neuron stats fisher-power)."
        )
        return [.heading("How many runs an answer needs", level: 2), .bullets(lines)]
    }
}
