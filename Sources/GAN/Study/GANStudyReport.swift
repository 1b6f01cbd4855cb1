import Document
import Foundation
import IO
import Plot
import Stats

/// PacGAN's plain-GAN figures (mean +- s.e., 10 trials of 400 epochs = 400,000 steps of batch 100).
public struct PacGANAnchor: Sendable {
    public var modes: (Double, Double), highQuality: (Double, Double), reverseKL: (Double, Double)

    public static func of(_ task: MixtureTask) -> PacGANAnchor {
        switch task {
        case .ring8: return PacGANAnchor(modes: (6.3, 0.5), highQuality: (98.2, 0.2), reverseKL: (0.45, 0.09))
        case .grid25: return PacGANAnchor(modes: (17.3, 0.8), highQuality: (94.8, 0.7), reverseKL: (0.70, 0.07))
        }
    }
}

/// Writes a study folder's report.md and report.html (and their figures): per arm the final modes
/// captured, % high quality and reverse KL (median, 95 % distribution-free interval; mean +- s.e. beside
/// PacGAN's), paired Wilcoxon tests, Fisher tests on collapse and on failure, the curves, the
/// neuron's a, b, |w|, and scatter plots of the first seeds. Returns the report's path.
@discardableResult
public func writeGANStudyReport(folder: URL, scatterSeeds: Int = 3) throws -> URL {
    let results = try GANStudyResults(folder: folder)
    let any = results.runs.values.first!.values.first!.result.config
    let task = any.task
    var blocks: [ReportBlock] = []
    let pairs = results.pairs
    let input = any.neuronInput == .data ? "on the data point (the theorem's setting)" : "on D's last hidden layer"
    blocks.append(
        .paragraph(
            "PacGAN's 2D benchmark \(task.rawValue), \(any.steps) steps of batch \(any.batchSize) per run; the augmented arm adds a exp(w.u + b) to D's logit, \(input), with lambda = \(any.lambda). \(pairs.count) seeds have both arms finished (\(results.arm(.plain).count) plain runs, \(results.arm(.augmented).count) augmented). Metrics of 2,500 generated points at the last step (a failed run: at the step it failed). Setting and definitions: docs/theory/gan.md."
        ))

    // Per-arm table.
    func f(_ v: Double, _ d: Int = 2) -> String { v.isFinite ? String(format: "%.\(d)f", v) : "n/a" }
    func summary(_ values: [Double], _ d: Int = 2) -> String {
        guard let m = try? medianInterval(values) else { return "n/a" }
        return "\(f(m.median, d)) [\(f(m.lower, d)), \(f(m.upper, d))]"
    }
    func meanSE(_ values: [Double], _ d: Int = 2) -> String {
        guard values.count >= 2 else { return values.first.map { f($0, d) } ?? "n/a" }
        return "\(f(mean(values), d)) +- \(f(sampleStandardDeviation(values) / Double(values.count).squareRoot(), d))"
    }
    var rows: [[String]] = []
    for arm in GANArm.allCases {
        let runs = results.arm(arm)
        guard !runs.isEmpty else { continue }
        let modes = runs.map { Double($0.result.final.modesCaptured) }, hq = runs.map { $0.result.final.highQualityPercent }
        let kl = runs.compactMap(\.result.final.reverseKL)
        let collapsed = runs.filter { $0.result.final.modesCaptured < task.modeCount }.count
        let fates = GANFate.allCases.dropFirst().map { fate in "\(runs.filter { $0.result.fate == fate }.count) \(fate.rawValue)" }.joined(separator: ", ")
        rows.append([
            arm.rawValue, "\(runs.count)", summary(modes, 1), summary(hq), summary(kl, 3) + (kl.count < runs.count ? " (\(kl.count) runs)" : ""),
            meanSE(modes), meanSE(hq), meanSE(kl, 3), "\(collapsed)", fates
        ])
    }
    let anchor = PacGANAnchor.of(task)
    rows.append([
        "PacGAN plain (400,000 steps, 10 trials)", "10", "", "", "", "\(anchor.modes.0) +- \(anchor.modes.1)",
        "\(anchor.highQuality.0) +- \(anchor.highQuality.1)", "\(anchor.reverseKL.0) +- \(anchor.reverseKL.1)", "", ""
    ])
    blocks.append(.heading("Final metrics per arm", level: 2))
    blocks.append(
        .paragraph(
            "Median [95 % distribution-free interval of the median] and mean +- standard error over the runs; collapsed = fewer than all \(task.modeCount) modes captured."
        ))
    blocks.append(
        .table(
            ReportTable(
                headers: [
                    "arm", "runs", "modes", "% high quality", "reverse KL", "modes (mean +- s.e.)", "% HQ (mean +- s.e.)",
                    "reverse KL (mean +- s.e.)", "collapsed", "failed"
                ], rows: rows)))

    // Paired tests.
    if !pairs.isEmpty {
        var tests: [[String]] = []
        func paired(_ name: String, _ value: (GANArmRun) -> Double?) {
            let both = pairs.compactMap { p -> (Double, Double)? in
                guard let a = value(p.augmented), let b = value(p.plain) else { return nil }
                return (a, b)
            }
            let differences = both.map { $0.0 - $0.1 }
            let median = (try? medianInterval(differences)).map { "\(f($0.median, 3)) [\(f($0.lower, 3)), \(f($0.upper, 3))]" } ?? "n/a"
            let w = try? wilcoxonSignedRank(both.map(\.0), both.map(\.1))
            let better = differences.filter { $0 > 0 }.count, worse = differences.filter { $0 < 0 }.count
            tests.append([
                name, "\(both.count)", median, "\(better) / \(worse) / \(both.count - better - worse)",
                w.map { String(format: "%.4g (%@)", $0.pValue, $0.method.rawValue) } ?? "n/a (all differences 0)"
            ])
        }
        paired("modes captured") { Double($0.result.final.modesCaptured) }
        paired("% high quality") { $0.result.final.highQualityPercent }
        paired("reverse KL") { $0.result.final.reverseKL }
        blocks.append(.heading("Paired comparison (augmented - plain, same seed)", level: 2))
        blocks.append(
            .paragraph(
                "Wilcoxon signed-rank test, two-sided, on the pairs where both values exist (reverse KL is undefined for a run with no high-quality point); higher / lower / equal counts the pairs by the sign of the difference. For reverse KL lower is better."
            ))
        blocks.append(
            .table(
                ReportTable(headers: ["metric", "pairs", "median difference [95 % interval]", "augmented higher / lower / equal", "Wilcoxon p"], rows: tests)))

        func fisher(_ name: String, _ bad: (GANArmRun) -> Bool) -> [String] {
            let a = pairs.filter { bad($0.augmented) }.count, p = pairs.filter { bad($0.plain) }.count, n = pairs.count
            let r = try? FisherExact.test(a: a, b: n - a, c: p, d: n - p)
            return [name, "\(a) of \(n)", "\(p) of \(n)", r.map { String(format: "%.4g", $0.pValue) } ?? "n/a"]
        }
        blocks.append(.heading("Collapse and failure (Fisher's exact test, two-sided)", level: 2))
        blocks.append(
            .table(
                ReportTable(
                    headers: ["count", "augmented", "plain", "p"],
                    rows: [
                        fisher("collapsed (fewer than all modes)") { $0.result.final.modesCaptured < task.modeCount },
                        fisher("failed (overflow or non-finite)") { $0.failed }
                    ])))
        let augmentedRuns = results.arm(.augmented)
        let drifting = augmentedRuns.filter { $0.result.final.neuron?.drifting == true }.count
        blocks.append(
            .paragraph(
                "Neuron drift at the last record (|a| falling while b rises, or |(w, b)| growing, over the last \(GANTrainer.driftWindow) records; the experiment's DivergenceDetector): \(drifting) of \(augmentedRuns.count) augmented runs."
            ))
    }

    blocks.append(.heading("Power", level: 2))
    blocks.append(.bullets(GANStudyPower.lines(pairs: pairs, task: task)))
    blocks.append(.heading("Time", level: 2))
    blocks.append(.bullets(GANStudyTiming.lines(results)))

    // Figures.
    var figures: [(String, Figure, String)] = [
        (
            "curves", GANStudyFigures.curves(results, task: task),
            "Modes captured, % high quality and reverse KL over the steps: median and quartiles across seeds per arm."
        )
    ]
    let augmented = results.arm(.augmented)
    if !augmented.isEmpty { figures.append(("neuron", GANStudyFigures.neuron(augmented), "The neuron's a, b and |w| at every record, one line per seed.")) }
    for seed in results.seeds.prefix(scatterSeeds) {
        for arm in GANArm.allCases {
            guard let run = results.runs[seed]?[arm] else { continue }
            let samples = try NPY.read(from: run.files.samples)
            guard case .float32(let points) = samples.storage else { continue }
            let fin = run.result.final
            let title =
                "\(task.rawValue) seed \(seed), \(arm.rawValue), step \(fin.step): \(fin.modesCaptured)/\(task.modeCount) modes, "
                + String(format: "%.1f %% HQ", fin.highQualityPercent)
            figures.append(
                (
                    "samples-seed-\(seed)-\(arm.rawValue)", GANScatterFigure.make(points: points, task: task, arm: arm, title: title),
                    "Final generated points, seed \(seed), \(arm.rawValue) (\(run.result.fate.rawValue))."
                ))
        }
    }
    blocks.append(.heading("Figures", level: 2))
    for (name, figure, caption) in figures {
        let svg = SVGRenderer(idPrefix: name).render(figure)
        try AtomicFile.write(Data(svg.utf8), to: folder.appendingPathComponent(name + ".svg"))
        try AtomicFile.write(Data(try PNGRenderer().render(svg: svg, name: name)), to: folder.appendingPathComponent(name + ".png"))
        blocks.append(.figure(name: name, svg: svg, caption: caption))
    }
    let document = ReportDocument(title: "The neuron in a GAN discriminator: \(task.rawValue), \(pairs.count) paired seeds", blocks: blocks)
    let markdown = folder.appendingPathComponent("report.md")
    try AtomicFile.write(Data(document.markdown().utf8), to: markdown)
    try AtomicFile.write(Data(document.html().utf8), to: folder.appendingPathComponent("report.html"))
    return markdown
}
