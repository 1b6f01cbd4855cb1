import Document
import Foundation
import Plot
import Results
import Stats

/// The lab report's figures, built from `lab.jsonl` records.
struct LabFigures {
    let records: [LabRecord]
    let arms: [LabArm]

    /// log10 of the smallest loss the histogram tells apart: relu-teacher's F is a difference of
    /// O(1) terms, so values below ~1e-15 (even negative ones) are rounding noise.
    static let lossFloor = -16.0

    static func color(_ arm: LabArm) -> PlotColor { arm == .neuron ? .withNeuron : .withoutNeuron }
    static func label(_ arm: LabArm) -> String { arm == .neuron ? "with neuron" : "without neuron" }

    /// Success rate per arm with its Wilson 95% interval (a vertical bar) and the rate (a dot).
    func successRates() -> Figure {
        var series: [Series] = []
        for (index, arm) in arms.enumerated() {
            let runs = records.filter { $0.arm == arm }
            let successes = runs.filter(\.success).count
            guard let interval = ProportionIntervals.wilson(successes: successes, trials: runs.count) else { continue }
            let rate = Double(successes) / Double(runs.count)
            series.append(
                .line(LineSeries(label: "", color: Self.color(arm), x: [Double(index), Double(index)], y: [interval.lower, interval.upper], width: 3)))
            series.append(
                .dots(
                    DotSeries(label: "\(Self.label(arm)): \(successes)/\(runs.count)", color: Self.color(arm), category: index, values: [rate], showMean: false)
                ))
        }
        return Figure(
            title: "Success rate per arm with Wilson 95% interval", xAxis: Axis(title: "arm", categories: arms.map(Self.label)),
            panels: [Panel(yAxis: Axis(title: "success rate", unit: "fraction", range: 0...1), series: series)], width: 600, height: 460)
    }

    /// Histogram of log10 of the original network's final loss per arm (as step lines).
    func finalLossHistogram() -> Figure {
        let floor = LabFigures.lossFloor, width = 0.5
        let values = records.compactMap { $0.finalLoss.map { log10(max($0, pow(10, floor))) } }
        let low = (values.min() ?? floor).rounded(.down), high = max((values.max() ?? 0).rounded(.up), low + 1)
        let bins = Int(((high - low) / width).rounded(.up))
        var series: [Series] = []
        for arm in arms {
            var counts = [Int](repeating: 0, count: bins)
            for record in records where record.arm == arm {
                guard let loss = record.finalLoss else { continue }
                let bin = min(bins - 1, max(0, Int((log10(max(loss, pow(10, floor))) - low) / width)))
                counts[bin] += 1
            }
            var x: [Double] = [], y: [Double?] = []
            for (bin, count) in counts.enumerated() {
                let left = low + Double(bin) * width
                x += [left, left + width]
                y += [Double(count), Double(count)]
            }
            series.append(.line(LineSeries(label: Self.label(arm), color: Self.color(arm), x: x, y: y)))
        }
        return Figure(
            title: "Final loss of the original network (log10)",
            xAxis: Axis(title: "log10 final loss"), panels: [Panel(yAxis: Axis(title: "starts", integerTicks: true), series: series)])
    }

    /// a (top) and b (bottom) against log2(1 + iteration) for the neuron runs that kept a trajectory.
    func neuronTrajectories() -> Figure? {
        let kept = records.filter { $0.arm == .neuron && $0.trajectoryIterations != nil }
        guard !kept.isEmpty else { return nil }
        let palette: [PlotColor] = [.red, .blue, .green, .orange, .purple, .gray, .black, .darkGray]
        var aSeries: [Series] = [], bSeries: [Series] = []
        for (index, record) in kept.enumerated() {
            let x = record.trajectoryIterations!.map { log2(1 + Double($0)) }
            let color = palette[index % palette.count]
            let label = "start \(record.start) (\(record.success ? "success" : "failure"))"
            aSeries.append(.line(LineSeries(label: label, color: color, x: x, y: record.trajectoryA!.map(finite))))
            bSeries.append(.line(LineSeries(label: label, color: color, x: x, y: record.trajectoryB!.map(finite))))
        }
        return Figure(
            title: "Neuron scale a and bias b during training (first neuron starts)", xAxis: Axis(title: "log2(1 + iteration)"),
            panels: [Panel(yAxis: Axis(title: "a"), series: aSeries), Panel(yAxis: Axis(title: "b"), series: bSeries)], height: 620)
    }
}
