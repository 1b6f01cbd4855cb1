/// Renders a `Figure` to PNG with the built-in rasterizer and bitmap font (no external tools).
public struct PNGRenderer: Sendable {
    /// Pixels per point (2 gives a sharp image at the SVG's size on high-density screens).
    public var scale: Double

    public init(scale: Double = 2) {
        self.scale = max(scale, 0.25)
    }

    /// The figure drawn into an opaque image of `width * scale` by `height * scale` pixels.
    public func rasterize(_ figure: Figure) -> RasterImage {
        let surface = RasterSurface(width: Int((figure.width * scale).rounded()), height: Int((figure.height * scale).rounded()), scale: scale)
        FigureDrawer(figure: figure, surface: surface).draw()
        return surface.image
    }

    /// PNG bytes of the figure.
    public func render(_ figure: Figure) throws -> [UInt8] {
        try PNGEncoder.encode(rasterize(figure))
    }
}

final class RasterSurface: DrawingSurface {
    var image: RasterImage
    let scale: Double
    private var clip: Rect?

    init(width: Int, height: Int, scale: Double) {
        image = RasterImage(width: width, height: height)
        self.scale = scale
    }

    private func px(_ p: Point) -> Point { Point(x: p.x * scale, y: p.y * scale) }

    /// Pixels per font dot for a text size in points: about a 0.7 * size cap height.
    func unit(_ size: Double) -> Int { max(1, Int((size * scale / 10).rounded())) }

    func textWidth(_ text: String, size: Double, bold: Bool) -> Double {
        Double(RasterImage.textWidth(text, unit: unit(size))) / scale
    }

    func setClip(_ rect: Rect?) {
        clip = rect.map { Rect(x: $0.x * scale, y: $0.y * scale, width: $0.width * scale, height: $0.height * scale) }
    }

    func polyline(_ points: [Point], color: PlotColor, width: Double, dashed: Bool) {
        let scaled = points.map(px)
        if dashed {
            for dash in Self.dashes(scaled, on: 6 * scale, off: 4 * scale) {
                image.strokePolyline(dash, color: color, width: width * scale, clip: clip)
            }
        } else {
            image.strokePolyline(scaled, color: color, width: width * scale, clip: clip)
        }
    }

    func polygon(_ points: [Point], fill: PlotColor) {
        image.fillPolygon(points.map(px), color: fill, clip: clip)
    }

    func rectangle(_ rect: Rect, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double) {
        let scaled = Rect(x: rect.x * scale, y: rect.y * scale, width: rect.width * scale, height: rect.height * scale)
        if let fill { image.fillRect(scaled, color: fill, clip: clip) }
        if let stroke { image.strokeRect(scaled, color: stroke, width: strokeWidth * scale, clip: clip) }
    }

    func circle(center: Point, radius: Double, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double) {
        if let fill { image.fillCircle(center: px(center), radius: radius * scale, color: fill, clip: clip) }
        if let stroke { image.strokeCircle(center: px(center), radius: radius * scale, color: stroke, width: strokeWidth * scale, clip: clip) }
    }

    func text(_ text: String, at point: Point, style: TextStyle) {
        image.drawText(text, baseline: px(point), unit: unit(style.size), color: style.color, anchor: style.anchor, bold: style.bold, vertical: style.vertical)
    }

    /// Splits a polyline into dashes of length `on` separated by gaps of length `off`.
    static func dashes(_ points: [Point], on: Double, off: Double) -> [[Point]] {
        var result: [[Point]] = []
        var current: [Point] = []
        var drawing = true
        var remaining = on
        guard points.count >= 2 else { return [] }
        current.append(points[0])
        for i in 1..<points.count {
            var start = points[i - 1]
            let end = points[i]
            var length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
            while length > remaining {
                let t = remaining / length
                let cut = Point(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t)
                if drawing {
                    current.append(cut)
                    result.append(current)
                    current = []
                } else {
                    current = [cut]
                }
                length -= remaining
                start = cut
                drawing.toggle()
                remaining = drawing ? on : off
            }
            remaining -= length
            if drawing { current.append(end) }
        }
        if drawing && current.count >= 2 { result.append(current) }
        return result
    }
}
