import Foundation
import Plot
import Report
import Results
import XCTest

/// The report of a K-class experiment (one neuron per output unit in the augmented arm), and
/// that a binary-task folder keeps its report.
final class MultiClassReportTests: ResultsFolderTestCase {
    /// The `<polyline>` elements of an SVG drawn in `color` with `width`, as their point lists.
    func polylines(_ svg: String, color: String, width: String) -> [[(x: Double, y: Double)]] {
        let marker = "fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(width)\" stroke-linejoin"
        return svg.components(separatedBy: "\n").filter { $0.hasPrefix("<polyline ") && $0.contains(marker) }.map { line in
            let points = line.components(separatedBy: "points=\"")[1].components(separatedBy: "\"")[0]
            return points.split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").map { Double($0)! }
                return (xy[0], xy[1])
            }
        }
    }

    func testTaskLineArmsAndChanceLevel() throws {
        try writeThreeClassResults()
        let summary = try writeExperimentReport(resultsDirectory: folder)
        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        let html = try String(contentsOf: summary.html, encoding: .utf8)
        for expected in [
            "Task: EEG subject identification, 3 classes, time split, loss cce.",
            "Accuracy is top-1: a sample counts as right when its largest output is its class.",
            "Chance level 1/3 = 0.3333 (uniform guessing"
        ] {
            XCTAssertTrue(markdown.contains(expected), "report.md lacks: \(expected)")
            XCTAssertTrue(html.contains(expected), "report.html lacks: \(expected)")
        }
        // The task line is its own paragraph, right after the arms.
        XCTAssertTrue(html.contains("(paired design).</p>\n<p>Task: EEG subject identification"), html)
        let arms = "one exponential neuron per output unit, f_k = f0_k + a_k*exp(w_k.x+b_k) for k = 1..3, with the penalty lambda*(a_1^2 + ... + a_3^2)"
        XCTAssertTrue(html.contains(arms), html)
        XCTAssertFalse(html.contains("the exponential neuron a*exp(w.x+b)"), "the binary arms sentence")
    }

    func testScaleFigureDrawsEveryNeuron() throws {
        try writeThreeClassResults()
        let summary = try writeExperimentReport(resultsDirectory: folder)
        XCTAssertEqual(summary.representativeRun, 1)
        let svg = try String(contentsOf: folder.appendingPathComponent("fig_c_scale_loss_accuracy.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains(">scale a_k<"), "y axis")
        XCTAssertTrue(svg.contains("<title>Scales a_k, validation loss and validation accuracy, run 1 (seed 11)</title>"), svg)
        XCTAssertEqual(svg.components(separatedBy: ">a_k, k = 1..3 (with neuron)<").count - 1, 1, "one legend entry for the K lines")
        XCTAssertFalse(svg.contains(">scale a (with neuron)<"))

        // K thin red lines (width 1; the arms' loss and accuracy lines are 1.6 and the legend swatch 2), 3 epochs each.
        let lines = polylines(svg, color: PlotColor.withNeuron.hex, width: "1")
        XCTAssertEqual(lines.count, Self.multiClassK)
        XCTAssertEqual(lines.map { $0.count }, [3, 3, 3])
        // Line k is neuron k: at the last epoch a = 0.05, -0.08, 0.03, so on screen (y grows downwards)
        // neuron 2 is lowest and neuron 1 highest; in epoch 1 (0.02, -0.04, 0.01) neuron 2 is lowest again.
        let last = lines.map { $0[2].y }, first = lines.map { $0[0].y }
        XCTAssertLessThan(last[0], last[2])
        XCTAssertLessThan(last[2], last[1])
        XCTAssertLessThan(first[2], first[1])
        XCTAssertLessThan(first[0], first[2])
        // The same x positions for the three epochs in every line.
        XCTAssertEqual(Set(lines.map { $0.map { $0.x } }.map { $0.map { String($0) }.joined(separator: ",") }).count, 1)

        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.contains("(c) Scales a\\_k of the 3 neurons, one thin line per output k = 1..3 (top), validation loss (middle)"), markdown)
    }

    func testRunTableShowsLargestScaleAndResidualOverNeurons() throws {
        try writeThreeClassResults()
        let summary = try writeExperimentReport(resultsDirectory: folder)
        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.contains("| Best epoch | Final max\\_k \\|a\\_k\\| | Max identity residual (over k and epochs) | Diverging flag |"), markdown)
        // Run 1: |a_k| = 0.05, 0.08, 0.03 at the end; residuals peak at 5e-7 (epoch 2, k = 1).
        XCTAssertTrue(markdown.contains("| 1 | 11 | with neuron | completed | 3 | 0.4600 | 3 | 0.08 | 5e-07 | no |"), markdown)
        // Run 2: |a_k| = 0.01, 0.03, 0.07 at the end (its epoch-1 largest, 0.09, is not the final one); residual 8e-7.
        XCTAssertTrue(markdown.contains("| 2 | 12 | with neuron | completed | 3 | 0.4600 | 3 | 0.07 | 8e-07 | no |"), markdown)
        XCTAssertTrue(markdown.contains("| 1 | 11 | without neuron | completed | 3 | 0.4500 | 3 | - | - | no |"), markdown)
        XCTAssertTrue(markdown.contains("Final max\\_k |a\\_k| is the largest scale among the neurons (one per output unit) after the last epoch"), markdown)
        XCTAssertTrue(markdown.contains("a\\_k\\*dL/da\\_k - dL/db\\_k - 2\\*0.1\\*a\\_k^2 for each neuron k"), markdown)
        XCTAssertTrue(markdown.contains("the neuron with the largest |a\\_k| in each epoch"), "scale rule on the summary a")
    }

    func testTaskLineFromConfigAlone() throws {
        func taskLine(_ config: String) throws -> String? {
            try write("config.json", config)
            try write("epochs.jsonl", "")
            let summary = try writeExperimentReport(resultsDirectory: folder)
            let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
            return markdown.split(separator: "\n").first { $0.hasPrefix("Task: ") }.map(String.init)
        }
        XCTAssertEqual(
            try taskLine(try Self.multiClassConfig(target: "session", classes: 16)),
            "Task: EEG session identification, 16 classes, time split, loss cce. Accuracy is top-1: a sample counts as right when its largest output is its class. Chance level 1/16 = 0.0625 (uniform guessing; with unbalanced classes, always answering the most frequent one scores more)."
        )
        // K classes from a data file: no target, no kind of data.
        var data = Self.standardConfig
        data.data = "frames.npz"
        data.classes = 4
        data.loss = "cce"
        let dataFile = try data.text()
        XCTAssertTrue(try taskLine(dataFile)?.hasPrefix("Task: classification, 4 classes, random split, loss cce. Accuracy is top-1") == true)
        // The binary task: no line.
        XCTAssertNil(try taskLine(Self.config))
        // Neurons per layer on a binary task: a line, and arms that say where the neurons sit.
        var layers = Self.standardConfig
        layers.data = "frames.npz"
        layers.model = "mlp:8,4"
        layers.loss = "phinge:3"
        layers.neuronPerLayer = true
        let perLayer = try layers.text()
        XCTAssertEqual(try taskLine(perLayer), "Task: binary classification, loss phinge:3.")
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(
            markdown.contains("exponential neurons on its input and on every hidden layer's output") && markdown.contains("per-layer variant"), markdown)
    }

    func testBinaryFolderKeepsItsReport() throws {
        try writeStandardResults()
        let summary = try writeExperimentReport(resultsDirectory: folder)
        let markdown = try String(contentsOf: summary.markdown, encoding: .utf8)
        XCTAssertFalse(markdown.contains("Task:"))
        XCTAssertFalse(markdown.contains("a\\_k"))
        XCTAssertTrue(
            markdown.contains(
                "Arms: \"with neuron\" is the network plus the exponential neuron a\\*exp(w.x+b) (red), \"without neuron\" the plain network (blue). Each run trains both arms"
            ), markdown)
        XCTAssertTrue(markdown.contains("| Best epoch | Final \\|a\\| | Max identity residual | Diverging flag |"), markdown)
        XCTAssertTrue(markdown.contains("| 1 | 11 | with neuron | completed | 3 | 0.7700 | 3 | 0.0067 | 2e-09 | no |"), markdown)
        XCTAssertTrue(
            markdown.contains("Final |a| is the neuron's scale after the last epoch; the identity residual measures a\\*dL/da - dL/db - 2\\*0.1\\*a^2"),
            markdown)
        XCTAssertTrue(markdown.contains("all units of a layer dead is the loss-1.0 plateau."))
        XCTAssertTrue(markdown.contains("the scale-driven rule (watching the neuron's scale a) and plain"))
        XCTAssertTrue(
            markdown.contains(
                "(c) Scale a of the neuron (top), validation loss (middle) and validation accuracy (bottom) per epoch of run 1 on a shared epoch axis."))
        let svg = try String(contentsOf: folder.appendingPathComponent("fig_c_scale_loss_accuracy.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains("<title>Scale a, validation loss and validation accuracy, run 1 (seed 11)</title>"))
        XCTAssertTrue(svg.contains(">scale a (with neuron)<") && svg.contains(">scale a<"))
        XCTAssertTrue(polylines(svg, color: PlotColor.withNeuron.hex, width: "1").isEmpty)
        // One red line of a at width 1.6 beside the arm's loss and accuracy lines.
        XCTAssertEqual(polylines(svg, color: PlotColor.withNeuron.hex, width: "1.6").count, 3)
    }
}
