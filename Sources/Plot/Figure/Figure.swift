/// One plotting area of a figure with its own y axis.
public struct Panel: Sendable {
    public var yAxis: Axis
    public var series: [Series]

    public init(yAxis: Axis, series: [Series]) {
        self.yAxis = yAxis
        self.series = series
    }
}

/// A figure: one or more panels stacked vertically that share one x axis, a title and a legend.
/// Sizes are in points; the SVG uses them as-is, the PNG multiplies them by its scale.
public struct Figure: Sendable {
    public var title: String
    public var xAxis: Axis
    public var panels: [Panel]
    public var width: Double
    public var height: Double
    public var showLegend: Bool

    public init(title: String, xAxis: Axis, panels: [Panel], width: Double = 720, height: Double? = nil, showLegend: Bool = true) {
        self.title = title
        self.xAxis = xAxis
        self.panels = panels
        self.width = width
        self.height = height ?? (160 + 240 * Double(max(panels.count, 1)) - 60 * Double(max(panels.count - 1, 0)))
        self.showLegend = showLegend
    }

    /// Legend entries: one per distinct (label, colour) pair in drawing order; empty labels are skipped.
    public var legendEntries: [Series] {
        var seen: [(String, PlotColor)] = []
        var entries: [Series] = []
        for panel in panels {
            for series in panel.series where !series.label.isEmpty {
                if seen.contains(where: { $0.0 == series.label && $0.1 == series.color }) { continue }
                seen.append((series.label, series.color))
                entries.append(series)
            }
        }
        return entries
    }
}
