import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plot
import PlotTestSupport
import Report
import XCTest

final class ExperimentReportTests: ResultsFolderTestCase {
    func testReportWritesFiguresMarkdownAndHTML() throws {
        try writeStandardResults()
        let summary = try writeExperimentReport(resultsDirectory: folder)

        let names = ["fig_a_val_accuracy", "fig_b_val_accuracy_band", "fig_c_scale_loss_accuracy", "fig_d_best_val_accuracy"]
        XCTAssertEqual(summary.figureNames, names)
        for name in names {
            let svg = try String(contentsOf: folder.appendingPathComponent(name + ".svg"), encoding: .utf8)
            XCTAssertEqual(try wellFormedXMLRoot(svg).name, "svg", name)
            let pngBytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name + ".png")))
            let png = try DecodedPNG(pngBytes)
            XCTAssertGreaterThan(png.width, 500, name)
            // The PNG is the SVG file's own text drawn at 2x: same figure in both files.
            XCTAssertEqual(pngBytes, try PNGRenderer(scale: 2).render(svg: svg, name: name), name)
        }
        XCTAssertEqual(summary.files.count, 10)
        XCTAssertEqual(summary.representativeRun, 1)
        XCTAssertEqual(summary.completed[.augmented], 2)
        XCTAssertEqual(summary.diverged[.augmented], 1)
        XCTAssertEqual(summary.completed[.plain], 3)

        // Axis titles with units and the arm legend in the figures.
        let a = try String(contentsOf: folder.appendingPathComponent("fig_a_val_accuracy.svg"), encoding: .utf8)
        XCTAssertTrue(a.contains(">epoch<") && a.contains(">validation accuracy (fraction)<") && a.contains(">with neuron<") && a.contains(">without neuron<"))
        let c = try String(contentsOf: folder.appendingPathComponent("fig_c_scale_loss_accuracy.svg"), encoding: .utf8)
        XCTAssertTrue(c.contains(">scale a<") && c.contains(">validation loss<"))

        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        // Failure rates and power, against values from scipy 1.17.1 / statsmodels 0.15.0 for this
        // fixture (with: 2 live + 1 diverged; without: 3 live, best 0.77, 0.75 vs 0.74, 0.72, 0.73):
        // fisher_exact([[1, 2], [0, 3]]) -> p = 1, odds ratio inf; pooled sd 0.011547;
        // TTestIndPower().solve_power(nobs1=2, power=0.8) -> d = 5.6535, i.e. 0.0653;
        // solve_power(effect_size=0.00988/0.011547) -> 22.44 runs per arm (/ (3/pi) = 23.5 for Mann-Whitney).
        for expected in [
            "Fisher's exact test (two-sided) on the 2x2 table of failed and live runs per arm: p = 1, odds ratio (with / without) = inf",
            "detects a difference in mean best accuracy of 0.0653 or more (5.65 standard deviations)",
            "0.0099 with that spread: 22.4 for the t-test, about 23.5 for Mann-Whitney",
            // Failure rates 1/3 with vs 0/3 without: with 3 runs per arm nothing is detectable (even 3 of 3
            // failing gives fisher_exact([[3, 0], [0, 3]]) p = 0.1); scipy brute force (every outcome through
            // fisher_exact) reaches power 0.8 for 1/3 vs 0 first at 19 runs per arm.
            "detects with power 0.8 no failure rate with neuron at all",
            "(0.333 with vs 0.000 without neuron) with power 0.8: 19."
        ] {
            XCTAssertTrue(markdown.contains(expected), "report.md lacks: \(expected)")
        }
        for expected in [
            "Mann-Whitney U, exact, two-sided",
            "Mann-Whitney U, normal approximation with continuity correction, one-sided (with neuron > without)",
            "Wilcoxon signed-rank, two-sided, paired by run",
            "Rank-biserial correlation", "Cohen's d", "bootstrap 90% interval",
            "a stuck or diverged run counts as a failure with best validation accuracy 0",
            "exp overflow: w.x+b = 91.2 > 88.7",
            "| neuron\\_init | uniform |", "| batch\\_size | 128 |",
            "![", "fig_d_best_val_accuracy.png",
            // Which early-stopping semantics the table replays.
            "is Keras 3's EarlyStopping(monitor=", "never improves and counts towards the patience",
            "restored when training ends, also when the rule never stopped it"
        ] {
            XCTAssertTrue(markdown.contains(expected), "report.md lacks: \(expected)")
        }
        // Per arm: 3 finished without neuron (3 completed, 0 stuck, 0 diverged), 3 with (2 completed, 0 stuck, 1 diverged).
        XCTAssertTrue(markdown.contains("| without neuron | 3 | 3 | 0 | 0 | 0.7300 | 0.0100 |"), markdown)
        XCTAssertTrue(markdown.contains("| with neuron | 3 | 2 | 0 | 1 | 0.7600 | 0.0141 |"), markdown)
        // Completed runs: with = [0.77, 0.75] vs without = [0.74, 0.72, 0.73] are fully separated:
        // exact two-sided p = 2/10 = 0.2; counting failures with = [0.77, 0.75, 0].
        XCTAssertTrue(markdown.contains("| Mann-Whitney U, exact, two-sided | U = 6 | 0.2 |"), markdown)
        XCTAssertTrue(markdown.contains("| Mann-Whitney U, exact, two-sided | U = 6 | 0.7 |"), markdown)
        // Paired differences 0.03, 0.03 (live pairs: zero width) and, counting failures, 0.03, 0.03, -0.73:
        // scipy stats.t.interval(0.9, 2, loc=mean, scale=sem) -> -0.2233 [-0.9631, 0.5164].
        XCTAssertTrue(
            markdown.contains("| Mean paired difference (with neuron - without, same run), Student-t 90% interval |  | 0.0300 \\[0.0300, 0.0300\\] | 2 pairs"),
            markdown)
        XCTAssertTrue(markdown.contains("| -0.2233 \\[-0.9631, 0.5164\\] | 3 pairs"), markdown)

        let html = try String(contentsOf: summary.html, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4, "four inline figures")
        XCTAssertFalse(html.contains("<?xml"), "SVG declarations stripped")
        XCTAssertFalse(html.contains("href=") || html.contains("src=") || html.contains("<link") || html.contains("@import"), "no external references")
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertTrue(html.contains("Cohen&apos;s d"))
        // The HTML (which has no entities beyond XML's) parses as XML, so its tags balance.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").replacingOccurrences(
            of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>"
        )
        .replacingOccurrences(
            of: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            with: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        XCTAssertEqual(try wellFormedXMLRoot(body).name, "html")
    }

    func testSingleRunSaysWhyThereIsNoTest() throws {
        try write("config.json", Self.config)
        var epochs = ""
        for arm in ["plain", "augmented"] {
            for epoch in 1...3 { epochs += Self.epochLine(run: 1, arm: arm, epoch: epoch, valAccuracy: 0.6 + 0.01 * Double(epoch), a: 0.01) }
        }
        try write("epochs.jsonl", epochs)
        try write(
            "runs.jsonl",
            Self.runLine(run: 1, arm: "plain", best: 0.63, bestEpoch: 3) + Self.runLine(run: 1, arm: "augmented", best: 0.63, bestEpoch: 3, finalA: 0.01))
        let summary = try writeExperimentReport(resultsDirectory: folder)
        XCTAssertTrue(summary.notes.contains { $0.contains("need at least 2 completed runs per arm") }, "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.contains("a confidence band needs at least 2") }, "\(summary.notes)")
        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.contains("not computed: needs at least 2 runs per arm, have 1 with neuron and 1 without"))
    }

    /// Two runs at 1.0 and 0.8: the 90% t-interval (n = 2) reaches 1.53; the band stops at 1 and the report says so.
    func testAccuracyBandIsClippedToTheUnitIntervalWithANote() throws {
        try write("config.json", Self.config)
        var epochs = "", runs = ""
        for run in 1...2 {
            for arm in ["plain", "augmented"] {
                let accuracy = arm == "plain" ? (run == 1 ? 1.0 : 0.8) : 0.6 + 0.01 * Double(run)
                for epoch in 1...3 { epochs += Self.epochLine(run: run, arm: arm, epoch: epoch, valAccuracy: accuracy, a: 0.01) }
                runs += Self.runLine(run: run, arm: arm, best: accuracy, bestEpoch: 3, finalA: arm == "plain" ? nil : 0.01)
            }
        }
        try write("epochs.jsonl", epochs)
        try write("runs.jsonl", runs)
        let summary = try writeExperimentReport(resultsDirectory: folder)
        XCTAssertTrue(summary.notes.contains { $0.contains("without neuron runs past 0 or 1") && $0.contains("clipped to [0, 1]") }, "\(summary.notes)")
        XCTAssertFalse(summary.notes.contains { $0.contains("with neuron runs past") }, "\(summary.notes)")
        let svg = try String(contentsOf: folder.appendingPathComponent("fig_b_val_accuracy_band.svg"), encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<?xml") || svg.contains("<svg"))
    }

    func testAllRunsDivergedStillGivesAReport() throws {
        try write("config.json", Self.config)
        var epochs = "", runs = ""
        for run in 1...2 {
            epochs += Self.epochLine(run: run, arm: "plain", epoch: 1, valAccuracy: nil)
            epochs += Self.epochLine(run: run, arm: "augmented", epoch: 1, valAccuracy: nil, a: nil, diverging: true)
            for arm in ["plain", "augmented"] {
                runs += Self.runLine(run: run, arm: arm, status: "diverged", best: nil, bestEpoch: nil, divergedEpoch: 1, cause: "NaN loss")
            }
        }
        try write("epochs.jsonl", epochs)
        try write("runs.jsonl", runs)
        let summary = try writeExperimentReport(resultsDirectory: folder)
        XCTAssertEqual(summary.diverged[.plain], 2)
        XCTAssertEqual(summary.diverged[.augmented], 2)
        XCTAssertTrue(summary.notes.contains { $0.contains("All 2 run(s) with neuron failed (stuck or diverged)") }, "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.contains("No run has both arms completed") }, "\(summary.notes)")
        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        // Counting failures, both arms are all zeros: the exact test refuses ties and the report says so.
        XCTAssertTrue(markdown.contains("exact not possible"), markdown)
        XCTAssertTrue(markdown.contains("all 2 differences x\\[i\\] - y\\[i\\] are zero"), markdown)
        XCTAssertTrue(summary.notes.contains { $0.contains("with neuron has no completed run, so it has no curve") }, "\(summary.notes)")
        for name in summary.figureNames {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name + ".png").path))
        }
    }

    func testStuckRunIsCountedWithItsLayerAndDeadUnits() throws {
        try write("config.json", Self.config)
        var epochs = "", runs = ""
        let dead =
            ", \"stuck_below\": \"dense\", \"stuck_part\": \"model\", \"dead_units\": [{\"layer\": \"conv2d\", \"dead\": 0, \"units\": 32}, {\"layer\": \"dense\", \"dead\": 10, \"units\": 10}]}"
        for run in 1...2 {
            for epoch in 1...3 {
                let stuckLine = run == 1
                let line = Self.epochLine(run: run, arm: "plain", epoch: epoch, valAccuracy: stuckLine ? 0.47 : 0.7)
                epochs += stuckLine ? String(line.dropLast(2)) + dead + "\n" : line
                epochs += Self.epochLine(run: run, arm: "augmented", epoch: epoch, valAccuracy: 0.72, a: 0.01)
            }
            let plain = Self.runLine(run: run, arm: "plain", status: run == 1 ? "stuck" : "completed", best: run == 1 ? 0.47 : 0.7, bestEpoch: 1)
            runs += run == 1 ? String(plain.dropLast(2)) + ", \"stuck_since\": 1, \"stuck_layer\": \"dense\", \"stuck_part\": \"model\"}\n" : plain
            runs += Self.runLine(run: run, arm: "augmented", best: 0.72, bestEpoch: 1, finalA: 0.01)
        }
        try write("epochs.jsonl", epochs)
        try write("runs.jsonl", runs)
        let summary = try writeExperimentReport(resultsDirectory: folder)
        XCTAssertEqual(summary.completed[.plain], 1)
        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        // Arm, finished, completed, stuck, diverged.
        XCTAssertTrue(markdown.contains("| without neuron | 2 | 1 | 1 | 0 |"), markdown)
        XCTAssertTrue(markdown.contains("| stuck since epoch 1 below dense | 3 |"), markdown)
        XCTAssertTrue(markdown.contains("| conv2d 0/32, dense 10/10 |"), markdown)
    }

    func testBadResultsFolderIsAClearError() {
        XCTAssertThrowsError(try writeExperimentReport(resultsDirectory: folder.appendingPathComponent("nope"))) { error in
            XCTAssertTrue("\(error)".contains("is not a folder"), "\(error)")
        }
    }
}
