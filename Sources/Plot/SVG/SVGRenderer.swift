import Foundation

/// Renders a `Figure` as a self-contained SVG document (no external references; text as `<text>`).
public struct SVGRenderer: Sendable {
    /// Prefix for element ids (clip paths), so several SVGs can be inlined in one HTML page.
    public var idPrefix: String

    public init(idPrefix: String = "figure") {
        self.idPrefix = idPrefix.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        if self.idPrefix.isEmpty || !(self.idPrefix.first!.isLetter) { self.idPrefix = "f" + self.idPrefix }
    }

    /// The SVG document, starting with an XML declaration.
    public func render(_ figure: Figure) -> String {
        let surface = SVGSurface(idPrefix: idPrefix)
        FigureDrawer(figure: figure, surface: surface).draw()
        surface.setClip(nil)
        var document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        document += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svgNumber(figure.width))\" height=\"\(svgNumber(figure.height))\" "
        document += "viewBox=\"0 0 \(svgNumber(figure.width)) \(svgNumber(figure.height))\" "
        // DejaVu Sans first: the PNG is drawn from this SVG by librsvg, which finds it through fontconfig
        // (Debian: fonts-dejavu-core), so a browser that has it shows the same text as the PNG.
        document += "font-family=\"'DejaVu Sans', Helvetica, Arial, sans-serif\" role=\"img\">\n"
        document += "<title>\(xmlEscape(figure.title))</title>\n"
        if !surface.definitions.isEmpty {
            document += "<defs>\n" + surface.definitions.joined(separator: "\n") + "\n</defs>\n"
        }
        document += surface.body.joined(separator: "\n")
        document += "\n</svg>\n"
        return document
    }
}

/// A number as SVG writes it: at most two decimals, no trailing zeros.
func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var text = String(format: "%.2f", value)
    while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
    return text == "-0" ? "0" : text
}

final class SVGSurface: DrawingSurface {
    let idPrefix: String
    var definitions: [String] = []
    var body: [String] = []
    private var clipOpen = false

    init(idPrefix: String) {
        self.idPrefix = idPrefix
    }

    func textWidth(_ text: String, size: Double, bold: Bool) -> Double {
        // Average advance of a sans-serif face; used only for layout.
        Double(text.count) * size * (bold ? 0.6 : 0.55)
    }

    func setClip(_ rect: Rect?) {
        if clipOpen {
            body.append("</g>")
            clipOpen = false
        }
        guard let rect else { return }
        let id = "\(idPrefix)-clip\(definitions.count + 1)"
        definitions.append(
            "<clipPath id=\"\(id)\"><rect x=\"\(svgNumber(rect.x))\" y=\"\(svgNumber(rect.y))\" width=\"\(svgNumber(rect.width))\" height=\"\(svgNumber(rect.height))\"/></clipPath>"
        )
        body.append("<g clip-path=\"url(#\(id))\">")
        clipOpen = true
    }

    private func paint(_ attribute: String, _ color: PlotColor?) -> String {
        guard let color else { return " \(attribute)=\"none\"" }
        var text = " \(attribute)=\"\(color.hex)\""
        if color.opacity < 1 { text += " \(attribute)-opacity=\"\(svgNumber(color.opacity))\"" }
        return text
    }

    private func pointList(_ points: [Point]) -> String {
        points.map { "\(svgNumber($0.x)),\(svgNumber($0.y))" }.joined(separator: " ")
    }

    func polyline(_ points: [Point], color: PlotColor, width: Double, dashed: Bool) {
        guard points.count >= 2 else { return }
        let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
        body.append(
            "<polyline points=\"\(pointList(points))\" fill=\"none\"\(paint("stroke", color)) stroke-width=\"\(svgNumber(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)/>"
        )
    }

    func polygon(_ points: [Point], fill: PlotColor) {
        guard points.count >= 3 else { return }
        body.append("<polygon points=\"\(pointList(points))\"\(paint("fill", fill)) stroke=\"none\"/>")
    }

    func rectangle(_ rect: Rect, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double) {
        let strokeWidthText = stroke == nil ? "" : " stroke-width=\"\(svgNumber(strokeWidth))\""
        body.append(
            "<rect x=\"\(svgNumber(rect.x))\" y=\"\(svgNumber(rect.y))\" width=\"\(svgNumber(rect.width))\" height=\"\(svgNumber(rect.height))\"\(paint("fill", fill))\(paint("stroke", stroke))\(strokeWidthText)/>"
        )
    }

    func circle(center: Point, radius: Double, fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double) {
        let strokeWidthText = stroke == nil ? "" : " stroke-width=\"\(svgNumber(strokeWidth))\""
        body.append(
            "<circle cx=\"\(svgNumber(center.x))\" cy=\"\(svgNumber(center.y))\" r=\"\(svgNumber(radius))\"\(paint("fill", fill))\(paint("stroke", stroke))\(strokeWidthText)/>"
        )
    }

    func text(_ text: String, at point: Point, style: TextStyle) {
        guard !text.isEmpty else { return }
        var attributes = "x=\"\(svgNumber(point.x))\" y=\"\(svgNumber(point.y))\" font-size=\"\(svgNumber(style.size))\"\(paint("fill", style.color))"
        if style.anchor != .start { attributes += " text-anchor=\"\(style.anchor.rawValue)\"" }
        if style.bold { attributes += " font-weight=\"bold\"" }
        if style.vertical { attributes += " transform=\"rotate(-90 \(svgNumber(point.x)) \(svgNumber(point.y)))\"" }
        body.append("<text \(attributes)>\(xmlEscape(text))</text>")
    }
}
