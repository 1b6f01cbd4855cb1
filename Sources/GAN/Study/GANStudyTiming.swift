import Foundation
import Stats

/// How long the study's runs trained (evaluations excluded), from each arm's result.json: the sentences of
/// the report's time section, with what the study costs at its median step time.
enum GANStudyTiming {
    static func lines(_ results: GANStudyResults) -> [String] {
        var lines: [String] = []
        var steps = 0, stepTimes: [Double] = []
        for arm in GANArm.allCases {
            let runs = results.arm(arm)
            let perStep = runs.compactMap(\.result.secondsPerStep).map { $0 * 1000 }
            guard let median = try? medianInterval(perStep).median else { continue }
            let seconds = runs.reduce(0) { $0 + $1.result.trainingSeconds }
            let counts = Set(runs.map(\.result.threads)).sorted()
            let threads = counts == [1] ? "1 thread" : counts.map(String.init).joined(separator: ", ") + " threads"
            lines.append(
                String(
                    format: "%@: %d runs, %.1f ms/step median (%.1f-%.1f) at %@ each, %.1f min of training in all.",
                    arm.rawValue, runs.count, median, perStep.min()!, perStep.max()!, threads, seconds / 60))
            steps += runs.reduce(0) { $0 + ($1.result.fateStep ?? $1.result.config.steps) }
            stepTimes += perStep
        }
        guard let median = try? medianInterval(stepTimes).median else { return ["No run recorded its step time."] }
        let coreHours = Double(steps) * median / 1000 / 3600
        lines.append(
            String(
                format:
                    "At the median %.1f ms/step, the %d steps trained here are %.2f core-hours: %.2f h on 2 cores running one run each, %.2f h on 8. Runs that trained beside other work show longer step times.",
                median, steps, coreHours, coreHours / 2, coreHours / 8))
        return lines
    }
}
