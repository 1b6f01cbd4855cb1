/// A point in figure coordinates (points, origin top-left, y down).
public struct Point: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in figure coordinates.
public struct Rect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
}

/// Horizontal alignment of text relative to its anchor point.
public enum TextAnchor: String, Sendable {
    case start, middle, end
}

/// How text is drawn: size in points, colour, alignment, weight and rotation.
/// The anchor point is on the text's baseline; `vertical` text runs bottom-to-top.
struct TextStyle {
    var size: Double
    var color: PlotColor = .black
    var anchor: TextAnchor = .start
    var bold = false
    var vertical = false
}

/// The primitives a figure is drawn with; implemented by the SVG renderer (the PNG is drawn from the SVG).
protocol DrawingSurface: AnyObject {
    func textWidth(_ text: String, size: Double, bold: Bool) -> Double
    func setClip(_ rect: Rect?)
    func polyline(_ points: [Point], color: PlotColor, width: Double, dashed: Bool)
    func polygon(_ points: [Point], fill: PlotColor)
    func rectangle(_ rect: Rect, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double)
    func circle(center: Point, radius: Double, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double)
    func text(_ text: String, at point: Point, style: TextStyle)
}
