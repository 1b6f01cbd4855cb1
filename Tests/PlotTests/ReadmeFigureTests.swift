import Plot
import PlotTestSupport
import XCTest

/// The figure example of docs/guide/library.md (section "Figures"), kept compiling.
final class ReadmeFigureTests: XCTestCase {
    func testReadmeFigureRendersToSVGAndPNG() throws {
        let figure = Figure(
            title: "Loss", xAxis: Axis(title: "epoch", integerTicks: true),
            panels: [
                Panel(yAxis: Axis(title: "loss"), series: [.line(LineSeries(label: "train", color: .blue, x: [1, 2, 3], y: [0.9, 0.5, 0.4]))])
            ])
        let svg = SVGRenderer().render(figure)  // a self-contained SVG document
        let png = try PNGRenderer(scale: 2).render(figure)  // PNG bytes: the SVG drawn by librsvg

        XCTAssertEqual(try wellFormedXMLRoot(svg).name, "svg")
        let decoded = try DecodedPNG(png)
        XCTAssertEqual(decoded.width, Int(figure.width * 2))
        XCTAssertEqual(decoded.height, Int(figure.height * 2))
    }
}
