import Diagnostics
import Document
import Foundation
import Plot
import Results

/// What `writeExperimentReport` wrote and what it had to say.
public struct ReportSummary: Sendable {
    public let directory: URL
    /// Every file written, in writing order.
    public let files: [URL]
    /// Base names of the figures (each written as `.svg` and `.png`).
    public let figureNames: [String]
    public let markdown: URL
    public let html: URL
    /// The run shown by the single-run figures (a) and (c), if any.
    public let representativeRun: Int?
    /// Completed and diverged training counts per arm.
    public let completed: [Arm: Int]
    public let diverged: [Arm: Int]
    /// Notes for the reader: loader warnings and why a statistic or band was not computed.
    public let notes: [String]
}

/// Reads the results folder (config.json, epochs.jsonl, runs.jsonl) and writes into it the four
/// figures as SVG and PNG, `report.md` and a self-contained `report.html`.
/// Throws `FileError` for unreadable or malformed results, or when a file cannot be written.
/// `naming`: how the report's suggestions name settings (the command-line tool gives its flags).
public func writeExperimentReport(resultsDirectory: URL, naming: SettingNaming = .library) throws -> ReportSummary {
    let results = try ExperimentResults.load(from: resultsDirectory)
    return try ExperimentReportWriter(results: results, naming: naming).write()
}

struct ExperimentReportWriter {
    let results: ExperimentResults
    var naming: SettingNaming = .library

    static let figureNames = ["fig_a_val_accuracy", "fig_b_val_accuracy_band", "fig_c_scale_loss_accuracy", "fig_d_best_val_accuracy"]

    /// Which early-stopping semantics the table replays (the experiment's `replayValidationLossRule` and `replayScaleRule`).
    static func earlyStoppingSemantics(patience: String) -> String {
        "The validation-loss rule is Keras 3's EarlyStopping(monitor='val_loss', patience=\(patience), restore_best_weights=True) "
            + "replayed on each training's record: the first epoch is the best so far, an epoch whose val_loss is NaN (null in "
            + "epochs.jsonl) never improves and counts towards the patience, and the weights kept are those of the best-val_loss "
            + "epoch, restored when training ends, also when the rule never stopped it (stop epoch -, its validation accuracy "
            + "still shown). The scale rule restores the best-val_loss epoch only when it stops (never stopped: -)."
    }

    func write() throws -> ReportSummary {
        let figures = ReportFigures(results: results)
        let tables = ReportTables(results: results)
        let task = ExperimentTask(config: results.config)
        var notes = results.warnings
        let (run, runNote) = figures.representativeRun()
        let scaleNeurons = figures.scaleNeuronCount(run: run)
        if let runNote { notes.append(runNote) }
        let band = figures.validationAccuracyBands()
        notes += band.notes

        var completed: [Arm: Int] = [:], diverged: [Arm: Int] = [:]
        for arm in Arm.allCases {
            completed[arm] = tables.runs(arm).filter { $0.status == .completed }.count
            diverged[arm] = tables.runs(arm).filter { $0.status == .diverged }.count
        }
        notes += degenerateNotes(tables: tables, completed: completed, diverged: diverged)

        let built: [(String, Figure, String)] = [
            (
                Self.figureNames[0], figures.validationAccuracyOfOneRun(run: run),
                "(a) Validation accuracy per epoch of run \(run.map(String.init) ?? "-"), red = with neuron, blue = without."
            ),
            (
                Self.figureNames[1], band.figure,
                "(b) Mean validation accuracy per epoch over completed runs with a 90% Student-t confidence band, red = with neuron, blue = without."
            ),
            (
                Self.figureNames[2], figures.scaleLossAccuracy(run: run),
                (scaleNeurons > 1
                    ? "(c) Scales a_k of the \(scaleNeurons) neurons, one thin line per output k = 1..\(scaleNeurons) (top),"
                    : "(c) Scale a of the neuron (top),")
                    + " validation loss (middle) and validation accuracy (bottom) per epoch of run \(run.map(String.init) ?? "-") on a shared epoch axis."
            ),
            (
                Self.figureNames[3], figures.bestValidationAccuracyDots(),
                "(d) Best validation accuracy of each completed run, black bar = mean. Diverged runs are not drawn (with neuron: \(diverged[.augmented] ?? 0), without: \(diverged[.plain] ?? 0))."
            )
        ]

        var written: [URL] = []
        var blocks: [ReportBlock] = []
        blocks.append(
            .paragraph(
                "Results folder: \(results.directory.lastPathComponent). \(ExperimentTask.armsText(task)) Each run trains both arms from the same seed (paired design)."
            ))
        if let task { blocks.append(.paragraph(task.line)) }
        if !notes.isEmpty {
            blocks.append(.heading("Notes", level: 2))
            blocks.append(.bullets(notes))
        }
        blocks.append(.heading("Runs per arm and best validation accuracy", level: 2))
        blocks.append(.table(tables.armSummary()))

        blocks.append(.heading("Comparison over completed runs", level: 2))
        blocks.append(
            .paragraph(
                "Per-run best validation accuracy, with neuron against without, over live runs only: stuck runs (no gradient got below some layer in any batch of their last epochs, e.g. every ReLU of a layer dead) and diverged runs are left out here."
            ))
        let completedTests = ComparisonTests(
            withNeuron: tables.completedBest(.augmented), withoutNeuron: tables.completedBest(.plain),
            pairs: tables.pairs { $0.status == .completed ? $0.bestValAccuracy : nil })
        blocks.append(.table(ReportTable(headers: ComparisonTests.headers, rows: completedTests.rows())))

        blocks.append(.heading("Comparison with stuck and diverged runs counted as failures", level: 2))
        blocks.append(
            .paragraph(
                "Rule: a stuck or diverged run counts as a failure with best validation accuracy 0 (a completed run without a finite best accuracy also counts as 0). Dropping failed runs would bias the comparison towards the arm that fails more."
            ))
        let failureTests = ComparisonTests(
            withNeuron: tables.bestCountingFailures(.augmented), withoutNeuron: tables.bestCountingFailures(.plain),
            pairs: tables.pairs { $0.status == .completed ? ($0.bestValAccuracy ?? 0) : 0 })
        blocks.append(.table(ReportTable(headers: ComparisonTests.headers, rows: failureTests.rows())))

        let failuresAndPower = FailuresAndPower(tables: tables)
        blocks += failuresAndPower.failureBlocks()
        blocks += StuckTime(results: results, naming: naming).blocks()
        blocks += failuresAndPower.powerBlocks()

        blocks.append(.heading("Figures", level: 2))
        for (name, figure, caption) in built {
            let svg = SVGRenderer(idPrefix: name).render(figure)
            written.append(try save(Data(svg.utf8), as: name + ".svg"))
            written.append(try save(Data(try PNGRenderer().render(svg: svg, name: name)), as: name + ".png"))  // the PNG is drawn from this very SVG
            blocks.append(.figure(name: name, svg: svg, caption: caption))
        }

        blocks.append(.heading("Runs", level: 2))
        let lambda = "\(results.config.lambda)"
        blocks.append(
            .paragraph(
                tables.multiNeuron
                    ? Self.multiNeuronRunsText(lambda: lambda)
                    : "Final |a| is the neuron's scale after the last epoch; the identity residual measures a*dL/da - dL/db - 2*\(lambda)*a^2, which the theory says is 0 at every parameter value (its maximum over the epochs is shown). The diverging flag is the training's own warning that the neuron was drifting to infinity. Dead ReLU units: per ReLU layer of the (base) network, the units (a convolution's channels, a dense layer's neurons) that output zero for every training sample of the last epoch; all units of a layer dead is the loss-1.0 plateau."
            ))
        blocks.append(.table(tables.runTable()))
        blocks.append(.heading("Early stopping", level: 2))
        blocks.append(
            .paragraph(
                "Where each rule would have stopped every training: the scale-driven rule (watching the neuron's scale a\(tables.multiNeuron ? "; with one neuron per output, the a of epochs.jsonl, that of the neuron with the largest |a_k| in each epoch" : "")) and plain validation-loss early stopping, next to the epoch of the best validation accuracy."
            ))
        blocks.append(.paragraph(Self.earlyStoppingSemantics(patience: "\(results.config.earlyStoppingPatience)")))
        blocks.append(.table(tables.earlyStoppingTable()))
        blocks.append(.heading("Configuration", level: 2))
        blocks.append(.table(tables.configTable()))
        // What was done to the data (split, scaling, label mapping), written by the experiment beside config.json.
        if let dataNotes = try? String(contentsOf: results.directory.appendingPathComponent("data_notes.txt"), encoding: .utf8) {
            let lines = dataNotes.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            if !lines.isEmpty { blocks.append(.bullets(lines)) }
        }

        let document = ReportDocument(title: "One-neuron experiment report", blocks: blocks)
        let markdown = try save(Data(document.markdown().utf8), as: "report.md")
        let html = try save(Data(document.html().utf8), as: "report.html")
        written += [markdown, html]
        return ReportSummary(
            directory: results.directory, files: written, figureNames: Self.figureNames, markdown: markdown, html: html,
            representativeRun: run, completed: completed, diverged: diverged, notes: notes)
    }

    /// The run table's explanation when the augmented arm has one neuron per output unit.
    static func multiNeuronRunsText(lambda: String) -> String {
        "Final max_k |a_k| is the largest scale among the neurons (one per output unit) after the last epoch; the identity residual "
            + "measures a_k*dL/da_k - dL/db_k - 2*\(lambda)*a_k^2 for each neuron k, which the theory says is 0 at every parameter value "
            + "(its maximum over the neurons and the epochs is shown). The diverging flag is the training's own warning that a neuron "
            + "was drifting to infinity. Dead ReLU units: per ReLU layer of the (base) network, the units (a convolution's channels, a "
            + "dense layer's neurons) that output zero for every training sample of the last epoch; all units of a layer dead leaves "
            + "the output constant whatever the input (a loss plateau)."
    }

    /// Notes for inputs too small or too broken for the usual statistics.
    func degenerateNotes(tables: ReportTables, completed: [Arm: Int], diverged: [Arm: Int]) -> [String] {
        var notes: [String] = []
        if results.runs.isEmpty {
            notes.append("No training has finished (runs.jsonl has no records), so there are no per-run statistics.")
            return notes
        }
        for arm in [Arm.plain, Arm.augmented] {
            let total = tables.runs(arm).count
            if total > 0 && completed[arm] == 0 {
                notes.append(
                    "All \(total) run(s) \(arm.displayName) failed (stuck or diverged); the comparison over completed runs cannot be made, only the one counting failures."
                )
            }
        }
        let fewest = min(tables.completedBest(.augmented).count, tables.completedBest(.plain).count)
        if fewest < 2 {
            notes.append(
                "Tests over completed runs need at least 2 completed runs per arm (have \(tables.completedBest(.augmented).count) with neuron, \(tables.completedBest(.plain).count) without); with fewer, a p-value says nothing, so none is given."
            )
        }
        return notes
    }

    func save(_ data: Data, as name: String) throws -> URL {
        let url = results.directory.appendingPathComponent(name)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw FileError(
                .writeFailed, file: url.path, problem: "cannot be written (\(error.localizedDescription))", fix: "Check that the results folder is writable")
        }
        return url
    }
}
