import Document
import Plot

/// The scatter plot of a run's generated points over its task's modes.
public enum GANScatterFigure {
    /// Red with the neuron, blue without (the reports' arm colours).
    public static func color(_ arm: GANArm) -> PlotColor { arm == .augmented ? .withNeuron : .withoutNeuron }

    public static func make(points: [Float], task: MixtureTask, arm: GANArm, title: String) -> Figure {
        let half = task == .ring8 ? 1.5 : 6.0
        let xs = stride(from: 0, to: points.count, by: 2).map { Double(points[$0]) }
        let ys = stride(from: 1, to: points.count, by: 2).map { Double(points[$0]) }
        let modes = task.modes
        return Figure(
            title: title, xAxis: Axis(title: "x", range: -half...half),
            panels: [
                Panel(
                    yAxis: Axis(title: "y", range: -half...half),
                    series: [
                        .points(PointSeries(label: "generated (\(arm.rawValue))", color: color(arm), x: xs, y: ys, radius: 1.4, opacity: 0.45)),
                        .points(PointSeries(label: "modes", color: .black, x: modes.map(\.x), y: modes.map(\.y), radius: 2.5, opacity: 1))
                    ])
            ], width: 560, height: 600)
    }
}
