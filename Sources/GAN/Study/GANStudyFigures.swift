import Document
import Foundation
import Plot

/// The study report's curves: modes captured over the steps per arm, and the neuron's a, b, |w| per seed.
enum GANStudyFigures {
    /// Median and quartiles across seeds of `value` at each logged step (steps every run logged).
    static func band(_ runs: [GANArmRun], arm: GANArm, value: (GANLogRecord) -> Double?) -> BandSeries {
        var bySteps: [Int: [Double]] = [:]
        for run in runs { for r in run.log { if let v = value(r) { bySteps[r.step, default: []].append(v) } } }
        let steps = bySteps.keys.sorted()
        func q(_ s: Int, _ p: Double) -> Double? {
            let v = bySteps[s]!.sorted()
            let position = p * Double(v.count - 1), i = Int(position)
            return v[i] + (position - Double(i)) * (v[min(i + 1, v.count - 1)] - v[i])
        }
        return BandSeries(
            label: "\(arm.rawValue): median, quartiles", color: GANScatterFigure.color(arm), x: steps.map(Double.init),
            mean: steps.map { q($0, 0.5) }, lower: steps.map { q($0, 0.25) }, upper: steps.map { q($0, 0.75) })
    }

    static func curves(_ results: GANStudyResults, task: MixtureTask) -> Figure {
        let arms = GANArm.allCases.filter { !results.arm($0).isEmpty }
        func panel(_ title: String, _ value: @escaping (GANLogRecord) -> Double?) -> Panel {
            Panel(yAxis: Axis(title: title), series: arms.map { .band(band(results.arm($0), arm: $0, value: value)) })
        }
        return Figure(
            title: "\(task.rawValue): the generated points over the steps (2,500 points per record)", xAxis: Axis(title: "step", integerTicks: true),
            panels: [
                panel("modes captured (of \(task.modeCount))") { Double($0.modesCaptured) },
                panel("% high quality") { $0.highQualityPercent },
                panel("reverse KL") { $0.reverseKL }
            ], height: 760)
    }

    static func neuron(_ runs: [GANArmRun]) -> Figure {
        func lines(_ value: @escaping (NeuronValues) -> Double) -> [Series] {
            runs.map { run in
                .line(LineSeries(label: "", color: .withNeuron, x: run.log.map { Double($0.step) }, y: run.log.map { $0.neuron.map(value) }, width: 1))
            }
        }
        return Figure(
            title: "The neuron per seed: a, b and |w| (drift: a -> 0 while b grows)", xAxis: Axis(title: "step", integerTicks: true),
            panels: [
                Panel(yAxis: Axis(title: "a"), series: lines(\.a)),
                Panel(yAxis: Axis(title: "b"), series: lines(\.b)),
                Panel(yAxis: Axis(title: "|w|"), series: lines(\.wNorm))
            ], height: 760, showLegend: false)
    }
}
