/// A polyline through (x, y) points; a nil y leaves a gap (for example a value that was not finite).
public struct LineSeries: Sendable {
    public var label: String
    public var color: PlotColor
    public var x: [Double]
    public var y: [Double?]
    public var width: Double
    public var dashed: Bool

    public init(label: String, color: PlotColor, x: [Double], y: [Double?], width: Double = 1.6, dashed: Bool = false) {
        self.label = label
        self.color = color
        self.x = x
        self.y = y
        self.width = width
        self.dashed = dashed
    }
}

/// A filled area between `lower` and `upper` with the `mean` drawn as a line on top.
/// A point where any of the three is nil leaves a gap.
public struct BandSeries: Sendable {
    public var label: String
    public var color: PlotColor
    public var x: [Double]
    public var mean: [Double?]
    public var lower: [Double?]
    public var upper: [Double?]
    /// Opacity of the filled area.
    public var fillOpacity: Double

    public init(label: String, color: PlotColor, x: [Double], mean: [Double?], lower: [Double?], upper: [Double?], fillOpacity: Double = 0.22) {
        self.label = label
        self.color = color
        self.x = x
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.fillOpacity = fillOpacity
    }
}

/// Dots for one category of a categorical x axis, with their mean marked by a bar.
public struct DotSeries: Sendable {
    public var label: String
    public var color: PlotColor
    /// Index into the figure's x-axis categories.
    public var category: Int
    public var values: [Double]
    public var showMean: Bool

    public init(label: String, color: PlotColor, category: Int, values: [Double], showMean: Bool = true) {
        self.label = label
        self.color = color
        self.category = category
        self.values = values
        self.showMean = showMean
    }
}

/// Points at (x, y) on a numeric x axis (a scatter plot); points with a coordinate that is not finite are skipped.
public struct PointSeries: Sendable {
    public var label: String
    public var color: PlotColor
    public var x: [Double]
    public var y: [Double]
    public var radius: Double
    public var opacity: Double

    public init(label: String, color: PlotColor, x: [Double], y: [Double], radius: Double = 1.5, opacity: Double = 0.5) {
        precondition(x.count == y.count, "a point series needs as many x values as y values")
        self.label = label
        self.color = color
        self.x = x
        self.y = y
        self.radius = radius
        self.opacity = opacity
    }
}

/// Anything a panel can draw.
public enum Series: Sendable {
    case line(LineSeries)
    case band(BandSeries)
    case dots(DotSeries)
    case points(PointSeries)

    public var label: String {
        switch self {
        case .line(let s): return s.label
        case .band(let s): return s.label
        case .dots(let s): return s.label
        case .points(let s): return s.label
        }
    }

    public var color: PlotColor {
        switch self {
        case .line(let s): return s.color
        case .band(let s): return s.color
        case .dots(let s): return s.color
        case .points(let s): return s.color
        }
    }
}
