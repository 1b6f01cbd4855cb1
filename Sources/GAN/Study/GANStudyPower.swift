import Foundation
import Stats

/// What a study of this size can detect (alpha 0.05, two-sided, power 0.8): the sentences of the report's power section.
enum GANStudyPower {
    static func lines(pairs: [(seed: UInt64, plain: GANArmRun, augmented: GANArmRun)], task: MixtureTask) -> [String] {
        let n = pairs.count
        guard n >= 2 else { return ["Power needs at least 2 pairs (have \(n))."] }
        var lines: [String] = []
        let differences = pairs.map { Double($0.augmented.result.final.modesCaptured - $0.plain.result.final.modesCaptured) }
        let sd = sampleStandardDeviation(differences)
        if sd > 0, let d = try? TTestPower().minimumDetectableEffect(n: Double(n), power: 0.8, alpha: 0.05) {
            lines.append(
                String(
                    format:
                        "Modes captured: with %d pairs and the observed standard deviation %.3g of the paired differences, a paired t-test (standing in for the Wilcoxon test, whose power is close to it) detects a mean change of %.2f modes or more (%.2f standard deviations).",
                    n, sd, d * sd, d))
        } else {
            lines.append("Modes captured: every pair differs by the same amount, so no spread is known to size a test with.")
        }
        let collapsed = Double(pairs.filter { $0.plain.result.final.modesCaptured < task.modeCount }.count) / Double(n)
        if let analysis = try? FisherExactPower(alpha: 0.05), let rates = try? analysis.detectableRates(n: n, baseline: collapsed, power: 0.8) {
            let lower = rates.lower.map { String(format: "%.2f or less", $0) }, upper = rates.upper.map { String(format: "%.2f or more", $0) }
            let detectable = [lower, upper].compactMap { $0 }.joined(separator: " or ")
            lines.append(
                String(
                    format:
                        "Collapse: with %d runs per arm and the plain arm's observed collapse rate %.2f, Fisher's exact test detects an augmented collapse rate of %@.",
                    n, collapsed,
                    detectable.isEmpty ? "no value (too few runs)" : detectable))
        }
        return lines
    }
}
