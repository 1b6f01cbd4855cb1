/// Lays a `Figure` out and draws it on a `DrawingSurface` (the SVG renderer's; the PNG is drawn
/// from that SVG, so both show the same thing).
struct FigureDrawer {
    let figure: Figure
    let surface: DrawingSurface

    let padding = 12.0
    let titleSize = 16.0
    let labelSize = 13.0
    let tickSize = 11.0
    let legendSize = 12.0
    let legendRowHeight = 20.0
    let panelGap = 18.0

    func draw() {
        surface.rectangle(Rect(x: 0, y: 0, width: figure.width, height: figure.height), fill: .white, stroke: nil, strokeWidth: 0)
        surface.text(figure.title, at: Point(x: figure.width / 2, y: padding + titleSize), style: TextStyle(size: titleSize, anchor: .middle, bold: true))
        let legendTop = padding + titleSize + 12
        let legendRows = drawLegend(top: legendTop)
        let plotTop = legendTop + Double(legendRows) * legendRowHeight + 8
        let bottomReserve = 6 + tickSize + 10 + labelSize + padding
        let panelCount = max(figure.panels.count, 1)
        let available = max(figure.height - plotTop - bottomReserve, 40)
        let panelHeight = max((available - panelGap * Double(panelCount - 1)) / Double(panelCount), 20)

        let yTicks = figure.panels.map { yTicksFor($0, panelHeight: panelHeight) }
        let widestLabel = yTicks.flatMap { $0.labels }.map { surface.textWidth($0, size: tickSize, bold: false) }.max() ?? 0
        let titleLines = figure.panels.map { yTitleLines($0.yAxis, panelHeight: panelHeight).count }.max() ?? 1
        let left = padding + Double(titleLines) * (labelSize + 3) + 7 + widestLabel + 8
        let right = figure.width - padding - 14
        let xScale = xTicks(plotWidth: right - left)

        for (index, panel) in figure.panels.enumerated() {
            let frame = Rect(x: left, y: plotTop + Double(index) * (panelHeight + panelGap), width: right - left, height: panelHeight)
            let isLast = index == figure.panels.count - 1
            let mapper = Mapper(frame: frame, xLower: xScale.lower, xUpper: xScale.upper, yLower: yTicks[index].lower, yUpper: yTicks[index].upper)
            drawPanel(panel, mapper: mapper, xTicks: xScale, yTicks: yTicks[index], showXLabels: isLast)
        }
        let xTitleY = figure.height - padding
        surface.text(figure.xAxis.label, at: Point(x: (left + right) / 2, y: xTitleY), style: TextStyle(size: labelSize, anchor: .middle))
    }

    // MARK: Scales

    func yTicksFor(_ panel: Panel, panelHeight: Double) -> Ticks {
        let target = max(3, min(8, Int(panelHeight / 45)))
        if let range = panel.yAxis.range {
            return NiceTicks.make(minimum: range.lowerBound, maximum: range.upperBound, targetCount: target, integer: panel.yAxis.integerTicks, expand: false)
        }
        let values = panel.series.flatMap(Self.yValues)
        guard let low = values.min(), let high = values.max() else {
            return NiceTicks.make(minimum: 0, maximum: 1, targetCount: target)
        }
        return NiceTicks.make(minimum: low, maximum: high, targetCount: target, integer: panel.yAxis.integerTicks, expand: true)
    }

    static func yValues(_ series: Series) -> [Double] {
        switch series {
        case .line(let s): return s.y.compactMap { $0 }.filter { $0.isFinite }
        case .band(let s): return (s.mean + s.lower + s.upper).compactMap { $0 }.filter { $0.isFinite }
        case .dots(let s): return s.values.filter { $0.isFinite }
        case .points(let s): return zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite }.map(\.1)
        }
    }

    func xTicks(plotWidth: Double) -> Ticks {
        if let categories = figure.xAxis.categories {
            let positions = categories.indices.map(Double.init)
            // Extra room on the right for the mean label of the last category.
            return Ticks(values: positions, step: 1, lower: -0.5, upper: Double(categories.count) - 0.1, labels: categories)
        }
        let target = max(3, min(12, Int(plotWidth / 60)))
        if let range = figure.xAxis.range {
            return NiceTicks.make(minimum: range.lowerBound, maximum: range.upperBound, targetCount: target, integer: figure.xAxis.integerTicks, expand: false)
        }
        var xs: [Double] = []
        for panel in figure.panels {
            for series in panel.series {
                switch series {
                case .line(let s): xs += s.x
                case .band(let s): xs += s.x
                case .dots: break
                case .points(let s): xs += zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite }.map(\.0)
                }
            }
        }
        xs = xs.filter { $0.isFinite }
        guard let low = xs.min(), let high = xs.max() else {
            return NiceTicks.make(minimum: 0, maximum: 1, targetCount: target)
        }
        return NiceTicks.make(minimum: low, maximum: high, targetCount: target, integer: figure.xAxis.integerTicks, expand: low == high)
    }

    // MARK: Panels

    func drawPanel(_ panel: Panel, mapper: Mapper, xTicks: Ticks, yTicks: Ticks, showXLabels: Bool) {
        let frame = mapper.frame
        let grid = PlotColor.lightGray
        for value in yTicks.values {
            let y = mapper.y(value)
            surface.polyline([Point(x: frame.x, y: y), Point(x: frame.maxX, y: y)], color: grid, width: 0.8, dashed: false)
        }
        for value in xTicks.values {
            let x = mapper.x(value)
            surface.polyline([Point(x: x, y: frame.y), Point(x: x, y: frame.maxY)], color: grid, width: 0.8, dashed: false)
        }

        surface.setClip(frame)
        let hasData = panel.series.contains { !Self.yValues($0).isEmpty }
        for series in panel.series {
            if case .band(let s) = series { drawBandFill(s, mapper: mapper) }
        }
        for series in panel.series {
            switch series {
            case .line(let s): drawLine(s, mapper: mapper)
            case .band(let s): drawLine(LineSeries(label: s.label, color: s.color, x: s.x, y: s.mean, width: 1.8), mapper: mapper)
            case .dots(let s): drawDots(s, mapper: mapper)
            case .points(let s): drawPoints(s, mapper: mapper)
            }
        }
        surface.setClip(nil)
        if !hasData {
            surface.text("no data", at: Point(x: frame.midX, y: frame.midY), style: TextStyle(size: labelSize, color: .gray, anchor: .middle))
        }
        surface.rectangle(frame, fill: nil, stroke: .darkGray, strokeWidth: 1)

        for (value, label) in zip(yTicks.values, yTicks.labels) {
            let y = mapper.y(value)
            surface.polyline([Point(x: frame.x - 4, y: y), Point(x: frame.x, y: y)], color: .darkGray, width: 1, dashed: false)
            surface.text(label, at: Point(x: frame.x - 7, y: y + tickSize * 0.36), style: TextStyle(size: tickSize, color: .darkGray, anchor: .end))
        }
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            let x = mapper.x(value)
            surface.polyline([Point(x: x, y: frame.maxY), Point(x: x, y: frame.maxY + 4)], color: .darkGray, width: 1, dashed: false)
            if showXLabels {
                surface.text(label, at: Point(x: x, y: frame.maxY + 6 + tickSize), style: TextStyle(size: tickSize, color: .darkGray, anchor: .middle))
            }
        }
        let lines = yTitleLines(panel.yAxis, panelHeight: frame.height)
        for (index, line) in lines.enumerated() {
            let x = padding + labelSize * 0.8 + Double(index) * (labelSize + 3)
            surface.text(line, at: Point(x: x, y: frame.midY), style: TextStyle(size: labelSize, anchor: .middle, vertical: true))
        }
    }

    /// The y-axis title as one line, or as title and "(unit)" when one line is longer than the panel.
    func yTitleLines(_ axis: Axis, panelHeight: Double) -> [String] {
        if surface.textWidth(axis.label, size: labelSize, bold: false) > panelHeight * 0.95, let unit = axis.unit, !unit.isEmpty {
            return [axis.title, "(\(unit))"]
        }
        return [axis.label]
    }

    func drawLine(_ series: LineSeries, mapper: Mapper) {
        for run in Self.runs(count: min(series.x.count, series.y.count), { i in (series.x[i], series.y[i]) }) {
            let points = run.map { mapper.point($0.0, $0.1) }
            if points.count == 1 {
                surface.circle(center: points[0], radius: series.width * 1.2, fill: series.color, stroke: nil, strokeWidth: 0)
            } else {
                surface.polyline(points, color: series.color, width: series.width, dashed: series.dashed)
            }
        }
    }

    func drawBandFill(_ series: BandSeries, mapper: Mapper) {
        let count = min(series.x.count, series.lower.count, series.upper.count)
        let fill = series.color.withOpacity(series.fillOpacity)
        var run: [Int] = []
        func flush() {
            if run.count >= 2 {
                let upper = run.map { mapper.point(series.x[$0], series.upper[$0]!) }
                let lower = run.reversed().map { mapper.point(series.x[$0], series.lower[$0]!) }
                surface.polygon(upper + lower, fill: fill)
            }
            run = []
        }
        for i in 0..<max(count, 0) {
            if let low = series.lower[i], let high = series.upper[i], low.isFinite, high.isFinite, series.x[i].isFinite {
                run.append(i)
            } else {
                flush()
            }
        }
        flush()
    }

    func drawDots(_ series: DotSeries, mapper: Mapper) {
        let values = series.values.filter { $0.isFinite }
        guard !values.isEmpty else { return }
        let order = values.indices.sorted { values[$0] < values[$1] }
        let spacing = min(0.06, 0.36 / Double(values.count))
        let center = Double(series.category)
        for (rank, index) in order.enumerated() {
            let offset = (Double(rank) - Double(values.count - 1) / 2) * spacing
            surface.circle(
                center: mapper.point(center + offset, values[index]), radius: 5, fill: series.color.withOpacity(0.85), stroke: .white, strokeWidth: 1)
        }
        if series.showMean {
            let average = values.reduce(0, +) / Double(values.count)
            let y = mapper.y(average)
            surface.polyline([Point(x: mapper.x(center - 0.2), y: y), Point(x: mapper.x(center + 0.2), y: y)], color: .black, width: 2, dashed: false)
            let label = "mean " + NiceTicks.labels(for: [average], step: 0.0001)[0]
            let barEnd = mapper.x(center + 0.2)
            if barEnd + 5 + surface.textWidth(label, size: tickSize, bold: false) <= mapper.frame.maxX - 2 {
                surface.text(label, at: Point(x: barEnd + 5, y: y + tickSize * 0.36), style: TextStyle(size: tickSize, color: .darkGray))
            } else {
                surface.text(label, at: Point(x: barEnd, y: y - 5), style: TextStyle(size: tickSize, color: .darkGray, anchor: .end))
            }
        }
    }

    func drawPoints(_ series: PointSeries, mapper: Mapper) {
        for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite {
            surface.circle(center: mapper.point(x, y), radius: series.radius, fill: series.color.withOpacity(series.opacity), stroke: nil, strokeWidth: 0)
        }
    }

    /// Consecutive stretches of points whose x and y are both finite.
    static func runs(count: Int, _ point: (Int) -> (Double, Double?)) -> [[(Double, Double)]] {
        var result: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for i in 0..<max(count, 0) {
            let (x, y) = point(i)
            if let y, y.isFinite, x.isFinite {
                current.append((x, y))
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    // MARK: Legend

    /// Draws the legend as centred rows under the title; returns the number of rows used.
    func drawLegend(top: Double) -> Int {
        let entries = figure.showLegend ? figure.legendEntries : []
        guard !entries.isEmpty else { return 0 }
        let swatch = 24.0, gap = 6.0, spacing = 20.0
        let widths = entries.map { swatch + gap + surface.textWidth($0.label, size: legendSize, bold: false) }
        var rows: [[Int]] = [[]]
        var rowWidth = 0.0
        let maxWidth = figure.width - 2 * padding
        for (index, width) in widths.enumerated() {
            let needed = rows[rows.count - 1].isEmpty ? width : rowWidth + spacing + width
            if needed > maxWidth && !rows[rows.count - 1].isEmpty {
                rows.append([index])
                rowWidth = width
            } else {
                rows[rows.count - 1].append(index)
                rowWidth = needed
            }
        }
        for (rowIndex, row) in rows.enumerated() {
            let total = row.map { widths[$0] }.reduce(0, +) + spacing * Double(row.count - 1)
            var x = (figure.width - total) / 2
            let midY = top + Double(rowIndex) * legendRowHeight + legendRowHeight / 2
            for index in row {
                drawSwatch(entries[index], x: x, midY: midY, width: swatch)
                surface.text(entries[index].label, at: Point(x: x + swatch + gap, y: midY + legendSize * 0.36), style: TextStyle(size: legendSize))
                x += widths[index] + spacing
            }
        }
        return rows.count
    }

    func drawSwatch(_ series: Series, x: Double, midY: Double, width: Double) {
        switch series {
        case .line(let s):
            surface.polyline([Point(x: x, y: midY), Point(x: x + width, y: midY)], color: s.color, width: max(s.width, 2), dashed: s.dashed)
        case .band(let s):
            surface.rectangle(Rect(x: x, y: midY - 6, width: width, height: 12), fill: s.color.withOpacity(s.fillOpacity), stroke: nil, strokeWidth: 0)
            surface.polyline([Point(x: x, y: midY), Point(x: x + width, y: midY)], color: s.color, width: 2, dashed: false)
        case .dots(let s):
            surface.circle(center: Point(x: x + width / 2, y: midY), radius: 5, fill: s.color.withOpacity(0.85), stroke: nil, strokeWidth: 0)
        case .points(let s):
            surface.circle(
                center: Point(x: x + width / 2, y: midY), radius: max(s.radius, 3), fill: s.color.withOpacity(max(s.opacity, 0.8)), stroke: nil, strokeWidth: 0)
        }
    }
}

/// Maps data coordinates into a panel's frame.
struct Mapper {
    let frame: Rect
    let xLower: Double, xUpper: Double, yLower: Double, yUpper: Double

    func x(_ value: Double) -> Double {
        frame.x + (value - xLower) / max(xUpper - xLower, 1e-300) * frame.width
    }

    func y(_ value: Double) -> Double {
        frame.maxY - (value - yLower) / max(yUpper - yLower, 1e-300) * frame.height
    }

    func point(_ x: Double, _ y: Double) -> Point {
        Point(x: self.x(x), y: self.y(y))
    }
}
