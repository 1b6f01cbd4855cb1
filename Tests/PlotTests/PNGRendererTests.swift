import Plot
import PlotTestSupport
import XCTest

/// The PNG is the figure's SVG drawn by librsvg/cairo: checked through the tests' own PNG decoder.
final class PNGRendererTests: XCTestCase {
    func sampleFigure() -> Figure {
        Figure(
            title: "t", xAxis: Axis(title: "epoch"),
            panels: [
                Panel(yAxis: Axis(title: "y"), series: [.line(LineSeries(label: "a", color: .red, x: [1, 2, 3], y: [0.1, 0.5, 0.2]))])
            ], width: 200, height: 150)
    }

    /// An SVG of one line of black text on white, `width` x 40 units.
    func textSVG(_ text: String, width: Int = 300) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="40" font-family="'DejaVu Sans', sans-serif">
        <rect width="\(width)" height="40" fill="#ffffff"/><text x="4" y="28" font-size="20" fill="#000000">\(text)</text></svg>
        """
    }

    /// Columns holding any non-white pixel.
    func inkColumns(_ png: DecodedPNG) -> [Int] {
        (0..<png.width).filter { x in (0..<png.height).contains { y in png.rgb(x: x, y: y) != [255, 255, 255] } }
    }

    func testFigureDecodesAtScaledSizeOnWhiteWithItsColours() throws {
        let decoded = try DecodedPNG(try PNGRenderer(scale: 2).render(sampleFigure()))
        XCTAssertEqual(decoded.width, 400)
        XCTAssertEqual(decoded.height, 300)
        XCTAssertEqual(decoded.bitDepth, 8)
        XCTAssertEqual(decoded.colorType, 2, "opaque RGB")
        XCTAssertEqual(decoded.rgb(x: 0, y: 0), [255, 255, 255])
        var reddish = 0, dark = 0
        for y in 0..<decoded.height {
            for x in 0..<decoded.width {
                let p = decoded.rgb(x: x, y: y)
                if p[0] > 180 && p[1] < 100 && p[2] < 100 { reddish += 1 }
                if p[0] < 80 && p[1] < 80 && p[2] < 80 { dark += 1 }
            }
        }
        XCTAssertGreaterThan(reddish, 100, "the red series")
        XCTAssertGreaterThan(dark, 100, "axes and text")
        // Scale 1 gives the SVG's own size.
        let small = try DecodedPNG(try PNGRenderer(scale: 1).render(sampleFigure()))
        XCTAssertEqual([small.width, small.height], [200, 150])
    }

    func testThePNGIsDrawnFromTheFiguresSVG() throws {
        let figure = sampleFigure()
        XCTAssertEqual(try PNGRenderer().render(figure), try PNGRenderer().render(svg: SVGRenderer().render(figure), name: "t"))
    }

    func testTextIsAntiAliasedAndProportional() throws {
        let text = try DecodedPNG(try PNGRenderer(scale: 2).render(svg: textSVG("Validation accuracy"), name: "text"))
        // Smooth glyph edges: many grey levels between black and white, not just the two.
        var greys = Set<UInt8>()
        for y in 0..<text.height {
            for x in 0..<text.width {
                let p = text.rgb(x: x, y: y)
                if p[0] == p[1], p[1] == p[2], p[0] > 20, p[0] < 235 { greys.insert(p[0]) }
            }
        }
        XCTAssertGreaterThan(greys.count, 50, "grey levels on the glyph edges: \(greys.count)")
        // A proportional font: ten i's are much narrower than ten M's (a fixed-width font gives equal widths).
        let narrow = inkColumns(try DecodedPNG(try PNGRenderer().render(svg: textSVG("iiiiiiiiii"), name: "i")))
        let wide = inkColumns(try DecodedPNG(try PNGRenderer().render(svg: textSVG("MMMMMMMMMM"), name: "M")))
        let narrowWidth = narrow.last! - narrow.first!, wideWidth = wide.last! - wide.first!
        XCTAssertLessThan(Double(narrowWidth), 0.5 * Double(wideWidth), "ink widths \(narrowWidth) and \(wideWidth)")
    }

    func testErrorsNameTheFigure() {
        XCTAssertThrowsError(try PNGRenderer().render(svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"", name: "fig_broken")) { error in
            XCTAssertTrue("\(error)".contains("fig_broken"), "\(error)")
            XCTAssertTrue("\(error)".contains("librsvg"), "\(error)")
        }
        XCTAssertThrowsError(try PNGRenderer().render(svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\"/>", name: "fig_unsized")) { error in
            XCTAssertTrue("\(error)".contains("fig_unsized"), "\(error)")
        }
        XCTAssertThrowsError(try PNGRenderer(scale: 100).render(sampleFigure())) { error in
            XCTAssertTrue("\(error)".contains("PNG of figure \"t\": scale 100.0 is larger than the maximum 16.0"), "\(error)")
        }
        let wide = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>"
        XCTAssertThrowsError(try PNGRenderer(scale: 2).render(svg: wide, name: "fig_wide")) { error in
            XCTAssertTrue("\(error)".contains("fig_wide") && "\(error)".contains("32767"), "\(error)")
        }
    }
}
