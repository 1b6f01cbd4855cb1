import Plot
import XCTest

final class RasterizerTests: XCTestCase {
    func isWhite(_ c: PlotColor) -> Bool { c.red == 255 && c.green == 255 && c.blue == 255 }

    func testHorizontalOnePixelLineFillsExactlyItsRow() {
        var image = RasterImage(width: 20, height: 10)
        image.strokePolyline([Point(x: 3, y: 4.5), Point(x: 15, y: 4.5)], color: .black, width: 1)
        for x in 3..<15 {
            XCTAssertEqual(image.pixel(x: x, y: 4), PlotColor.black, "x = \(x)")
            XCTAssertTrue(isWhite(image.pixel(x: x, y: 3)), "above, x = \(x)")
            XCTAssertTrue(isWhite(image.pixel(x: x, y: 5)), "below, x = \(x)")
        }
        XCTAssertTrue(isWhite(image.pixel(x: 0, y: 4)))
        XCTAssertTrue(isWhite(image.pixel(x: 19, y: 4)))
    }

    func testThickLineCoversItsWidthAndAntiAliasesEdges() {
        var image = RasterImage(width: 20, height: 20)
        image.strokePolyline([Point(x: 2, y: 10), Point(x: 18, y: 10)], color: .black, width: 3)
        // Rows 9 and 10 are fully inside [8.5, 11.5]; rows 8 and 11 are half covered.
        XCTAssertEqual(image.pixel(x: 10, y: 9), PlotColor.black)
        XCTAssertEqual(image.pixel(x: 10, y: 10), PlotColor.black)
        let edge = image.pixel(x: 10, y: 8)
        XCTAssertTrue(edge.red > 100 && edge.red < 160, "half coverage gives mid grey, got \(edge.red)")
        XCTAssertTrue(isWhite(image.pixel(x: 10, y: 6)))
    }

    func testFilledRectangleAndPolygon() {
        var image = RasterImage(width: 10, height: 10)
        image.fillRect(Rect(x: 2, y: 2, width: 3, height: 2), color: .blue)
        XCTAssertEqual(image.pixel(x: 2, y: 2), PlotColor.blue)
        XCTAssertEqual(image.pixel(x: 4, y: 3), PlotColor.blue)
        XCTAssertTrue(isWhite(image.pixel(x: 5, y: 3)))
        XCTAssertTrue(isWhite(image.pixel(x: 3, y: 4)))

        var triangle = RasterImage(width: 10, height: 10)
        triangle.fillPolygon([Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 0, y: 10)], color: .black)
        XCTAssertEqual(triangle.pixel(x: 1, y: 1), PlotColor.black)
        XCTAssertTrue(isWhite(triangle.pixel(x: 8, y: 8)))
        let diagonal = triangle.pixel(x: 4, y: 5) // the diagonal x + y = 10 cuts this pixel in half
        XCTAssertTrue(diagonal.red > 100 && diagonal.red < 160, "got \(diagonal.red)")
    }

    func testCircleAndTransparency() {
        var image = RasterImage(width: 21, height: 21)
        image.fillCircle(center: Point(x: 10.5, y: 10.5), radius: 5, color: PlotColor.red.withOpacity(0.5))
        let centre = image.pixel(x: 10, y: 10)
        XCTAssertEqual(centre.red, 235) // 255 + (214 - 255) * 0.5, rounded
        XCTAssertEqual(centre.green, 147)
        XCTAssertTrue(isWhite(image.pixel(x: 10, y: 3)))
        XCTAssertTrue(isWhite(image.pixel(x: 2, y: 2)))
    }

    func testClipKeepsDrawingInside() {
        var image = RasterImage(width: 20, height: 10)
        image.strokePolyline([Point(x: 0, y: 5.5), Point(x: 20, y: 5.5)], color: .black, width: 1, clip: Rect(x: 5, y: 0, width: 5, height: 10))
        XCTAssertEqual(image.pixel(x: 7, y: 5), PlotColor.black)
        XCTAssertTrue(isWhite(image.pixel(x: 2, y: 5)))
        XCTAssertTrue(isWhite(image.pixel(x: 12, y: 5)))
    }

    func testBitmapTextDrawsGlyphsAtBaseline() {
        var image = RasterImage(width: 40, height: 20)
        image.drawText("I", baseline: Point(x: 2, y: 12), unit: 1, color: .black)
        // 'I' is ".###." on its top row (row 0 sits 7 px above the baseline) and "..#.." below.
        XCTAssertEqual(image.pixel(x: 3, y: 5), PlotColor.black)
        XCTAssertEqual(image.pixel(x: 5, y: 5), PlotColor.black)
        XCTAssertTrue(isWhite(image.pixel(x: 2, y: 5)))
        XCTAssertEqual(image.pixel(x: 4, y: 8), PlotColor.black)
        XCTAssertTrue(isWhite(image.pixel(x: 3, y: 8)))
        XCTAssertTrue(isWhite(image.pixel(x: 4, y: 12)), "nothing on or below the baseline for 'I'")
        XCTAssertEqual(RasterImage.textWidth("abc", unit: 2), (3 * 6 - 1) * 2)
    }

    func testFontCoversAxisLabelCharacters() {
        let needed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-+()%=/:_|"
        for character in needed {
            XCTAssertTrue(BitmapFont.hasGlyph(character), "missing glyph \(character)")
        }
        // Distinct characters have distinct glyphs.
        let glyphs = needed.map { BitmapFont.glyph($0) }
        XCTAssertEqual(Set(glyphs.map { $0.map(String.init).joined(separator: ",") }).count, needed.count)
    }
}
