import Document
import Foundation
import IO
import Plot
import Results
import Stats

/// What `writeLabReport` wrote.
public struct LabReportSummary: Sendable {
    public let markdown: URL
    public let html: URL
    public let figures: [String]
}

/// Reads `lab_config.json`, `lab.jsonl` and `lab_timings.jsonl` of `folder` and writes the figures
/// (SVG and PNG), `report.md` and `report.html` into it.
public func writeLabReport(folder: URL) throws -> LabReportSummary {
    let config = try JSONFile.read(
        LabConfig.self, from: folder.appendingPathComponent(LabFiles.config),
        fix: "Run `one-neuron lab` into this folder first")
    let records = try JSONLinesFile<LabRecord>(url: folder.appendingPathComponent(LabFiles.records)).records
    let timingsURL = folder.appendingPathComponent(LabFiles.timings)
    let timings = FileManager.default.fileExists(atPath: timingsURL.path) ? try JSONLinesFile<LabTiming>(url: timingsURL).records : []
    let task = try LabTask(parsing: config.task)
    var blocks: [ReportBlock] = []
    let neuronForm =
        task.outputs == 1
        ? "f(x) + a exp(w.x + b) with the penalty lambda a^2"
        : "f_k(x) + a_k exp(w_k.x + b_k) for each of the \(task.outputs) outputs (one neuron per output unit) with the penalty lambda sum_k a_k^2"
    let neuronSummary =
        task.outputs == 1
        ? ""
        : " With one neuron per output, a, b and |w| in lab.jsonl and the trajectories are those of the neuron with the largest |a_k|, and \"diverging\" looks at all neurons' |(w_k, b_k)| together."
    let starts = Set(records.map(\.start)).count
    blocks.append(
        .paragraph(
            "Task \(config.task), \(starts) starts, arms \(config.arms.map(\.rawValue).joined(separator: ", ")). Success: \(task.successCriterion). The neuron arm trains \(neuronForm), lambda = \(config.lambda), from the same start of the original network as the plain arm (neuron w \(config.neuronInit == LabNeuronInit.zeroW.rawValue ? "= 0" : "= randn(d)/sqrt(d)"), b = 0, a = 0); success is judged on the original network alone.\(neuronSummary) Full-batch gradient descent: step \(config.step); a run restarts from its start with half the step when the gradient norm exceeds \(config.restartBound)\(config.restartOnIncrease ? ", a value is not finite or a step raises the objective" : " or a value is not finite") (at most \(config.maxRestarts) restarts, then it counts as diverged); it stops when every unit's gradient norm is <= \(config.tolerance) (converged) or after \(config.maxIterations) steps (max-iterations). A neuron run is diverging when it diverged, or ran out of steps while the neuron's |(w, b)| still grew over the second half of the run."
        ))

    blocks.append(.heading("Success per arm", level: 2))
    var rows: [[String]] = []
    var counts: [LabArm: (successes: Int, trials: Int)] = [:]
    for arm in config.arms {
        let runs = records.filter { $0.arm == arm }
        let successes = runs.filter(\.success).count
        counts[arm] = (successes, runs.count)
        let interval = ProportionIntervals.wilson(successes: successes, trials: runs.count)
        let failures = runs.count - successes
        rows.append([
            LabFigures.label(arm), "\(runs.count)", "\(successes)", "\(failures)",
            runs.isEmpty ? "n/a" : percent(Double(successes) / Double(runs.count)),
            interval.map { "\(percent($0.lower)) to \(percent($0.upper))" } ?? "n/a",
            runs.isEmpty ? "n/a" : percent(Double(failures) / Double(runs.count)),
            "\(runs.filter { $0.stopped == .converged }.count)", "\(runs.filter { $0.stopped == .maxIterations }.count)",
            "\(runs.filter { $0.stopped == .diverged }.count)", "\(runs.filter(\.diverging).count)",
            "\(runs.filter { $0.restarts > 0 }.count)"
        ])
    }
    blocks.append(
        .table(
            ReportTable(
                headers: [
                    "Arm", "Starts", "Successes", "Failures", "Success rate", "Wilson 95%", "Failure (spurious) rate",
                    "Converged", "Max-iterations", "Diverged", "Neuron diverging", "Restarted"
                ], rows: rows)))
    if let plain = counts[.plain], let neuron = counts[.neuron], plain.trials > 0, neuron.trials > 0 {
        var lines: [String] = []
        if let test = try? FisherExact.test(a: neuron.successes, b: neuron.trials - neuron.successes, c: plain.successes, d: plain.trials - plain.successes) {
            lines.append(
                "Fisher's exact test (two-sided) on successes and failures per arm: p = \(String(format: "%.4g", test.pValue)), odds ratio of success (with / without neuron) = \(test.oddsRatio.isInfinite ? "inf" : String(format: "%.4g", test.oddsRatio))."
            )
        }
        if let difference = ProportionIntervals.newcombeDifference(
            successes1: neuron.successes, trials1: neuron.trials, successes2: plain.successes, trials2: plain.trials)
        {
            lines.append(
                "Success rate with neuron minus without: \(signedPercent(difference.difference)), 95% interval \(signedPercent(difference.lower)) to \(signedPercent(difference.upper)) (Newcombe's hybrid score interval)."
            )
        }
        let paired = Dictionary(grouping: records, by: \.start).values.compactMap { pair -> (Bool, Bool)? in
            guard let p = pair.first(where: { $0.arm == .plain }), let n = pair.first(where: { $0.arm == .neuron }) else { return nil }
            return (p.success, n.success)
        }
        let rescued = paired.filter { !$0.0 && $0.1 }.count, lost = paired.filter { $0.0 && !$0.1 }.count
        lines.append(
            "Paired by start (both arms start from the same network): the neuron arm succeeded where the plain arm failed in \(rescued) starts, and failed where it succeeded in \(lost)."
        )
        let neuronRuns = records.filter { $0.arm == .neuron }
        let smallA = neuronRuns.filter { ($0.a.map(abs) ?? .infinity) < 1e-6 }.count
        lines.append(
            "Neuron\(task.outputs == 1 ? "" : "s") at the end: \(task.outputs == 1 ? "|a|" : "every |a_k|") < 1e-6 in \(smallA) of \(neuronRuns.count) runs (the theory's local minima have a = 0); \(neuronRuns.filter(\.diverging).count) runs drift to infinity (diverging) instead of stopping."
        )
        blocks.append(.bullets(lines))
    }

    let figures = LabFigures(records: records, arms: config.arms)
    var built: [(String, Figure, String)] = [
        ("fig_lab_success", figures.successRates(), "Success rate per arm (dot) with its Wilson 95% interval (bar); red = with neuron, blue = without."),
        (
            "fig_lab_final_loss", figures.finalLossHistogram(),
            "Histogram of the original network's final loss per arm: log10, bins of 0.5; losses below 1e-16 (rounding noise, F is a difference of O(1) terms, sometimes slightly negative) are counted in the first bin."
        )
    ]
    if let trajectories = figures.neuronTrajectories() {
        built.append(
            ("fig_lab_neuron_ab", trajectories, "The neuron's scale a (top) and bias b (bottom) against log2(1 + iteration) for the first neuron starts."))
    }
    blocks.append(.heading("Figures", level: 2))
    var names: [String] = []
    for (name, figure, caption) in built {
        let svg = SVGRenderer(idPrefix: name).render(figure)
        try AtomicFile.write(Data(svg.utf8), to: folder.appendingPathComponent(name + ".svg"))
        try AtomicFile.write(Data(try PNGRenderer().render(svg: svg, name: name)), to: folder.appendingPathComponent(name + ".png"))
        blocks.append(.figure(name: name, svg: svg, caption: caption))
        names.append(name)
    }

    blocks.append(.heading("Time", level: 2))
    let seconds = timings.reduce(0) { $0 + $1.seconds }
    blocks.append(
        .paragraph(
            String(
                format:
                    "Sum of per-training wall times in lab_timings.jsonl: %.1f s for %d trainings (%.4f s per training, one thread each; a run with T threads takes about 1/T of that).",
                seconds, timings.count, timings.isEmpty ? 0 : seconds / Double(timings.count))))
    blocks.append(.heading("Configuration", level: 2))
    blocks.append(.paragraph(try JSON.encode(config)))

    let document = ReportDocument(title: "Landscape lab: \(config.task)", blocks: blocks)
    let markdown = folder.appendingPathComponent("report.md"), html = folder.appendingPathComponent("report.html")
    try AtomicFile.write(Data(document.markdown().utf8), to: markdown)
    try AtomicFile.write(Data(document.html().utf8), to: html)
    return LabReportSummary(markdown: markdown, html: html, figures: names)
}

private func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
private func signedPercent(_ value: Double) -> String { String(format: "%+.1f%%", 100 * value) }
