import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plot
import PlotTestSupport
import XCTest

final class SVGRendererTests: XCTestCase {
    func sampleFigure() -> Figure {
        Figure(
            title: "Accuracy & loss <test>", xAxis: Axis(title: "epoch", integerTicks: true),
            panels: [
                Panel(
                    yAxis: Axis(title: "scale a"),
                    series: [
                        .line(LineSeries(label: "scale a (with neuron)", color: .red, x: [1, 2, 3, 4], y: [0.01, 0.03, nil, 0.02]))
                    ]),
                Panel(
                    yAxis: Axis(title: "validation accuracy", unit: "fraction"),
                    series: [
                        .band(
                            BandSeries(
                                label: "without neuron", color: .blue, x: [1, 2, 3, 4], mean: [0.5, 0.6, 0.7, 0.72],
                                lower: [0.45, 0.55, 0.66, 0.7], upper: [0.55, 0.65, 0.74, 0.75])),
                        .line(LineSeries(label: "with neuron", color: .red, x: [1, 2, 3, 4], y: [0.52, 0.63, 0.71, 0.74], dashed: true))
                    ])
            ], height: 900)
    }

    func testSVGIsWellFormedAndHasTitlesAndLegend() throws {
        let svg = SVGRenderer(idPrefix: "test").render(sampleFigure())
        let root = try wellFormedXMLRoot(svg)
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attribute(forName: "xmlns")?.stringValue ?? root.uri, "http://www.w3.org/2000/svg")
        let texts = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        for expected in [
            "epoch", "scale a", "validation accuracy (fraction)", "scale a (with neuron)", "without neuron", "with neuron", "Accuracy & loss <test>"
        ] {
            XCTAssertTrue(texts.contains(expected), "missing text \(expected) in \(texts)")
        }
        XCTAssertTrue(svg.contains("#d62728"), "red series colour")
        XCTAssertTrue(svg.contains("#1f77b4"), "blue series colour")
        XCTAssertFalse(svg.contains("href"), "self-contained: no links")
        XCTAssertTrue(svg.contains("clip-path=\"url(#test-clip"), "clip ids carry the prefix")
        // The nil value splits the scale-a line into two polylines (one point stands alone as a dot).
        XCTAssertGreaterThanOrEqual(svg.components(separatedBy: "<polygon").count - 1, 1, "band area")
    }

    func testCategoricalDotsFigure() throws {
        let figure = Figure(
            title: "Best", xAxis: Axis(title: "arm", categories: ["without neuron", "with neuron"]),
            panels: [
                Panel(
                    yAxis: Axis(title: "best validation accuracy", unit: "fraction"),
                    series: [
                        .dots(DotSeries(label: "without neuron", color: .blue, category: 0, values: [0.81, 0.82, 0.815])),
                        .dots(DotSeries(label: "with neuron", color: .red, category: 1, values: [0.83, 0.825]))
                    ])
            ])
        let svg = SVGRenderer().render(figure)
        _ = try wellFormedXMLRoot(svg)
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 5 + 2, "5 dots and 2 legend swatches")
        XCTAssertTrue(svg.contains(">mean 0.8150<"))
        XCTAssertTrue(svg.contains(">mean 0.8275<"))
    }

    func testEmptyPanelSaysNoData() throws {
        let figure = Figure(title: "Empty", xAxis: Axis(title: "epoch"), panels: [Panel(yAxis: Axis(title: "scale a"), series: [])])
        let svg = SVGRenderer().render(figure)
        _ = try wellFormedXMLRoot(svg)
        XCTAssertTrue(svg.contains(">no data<"))
    }

    func testColoursByName() {
        XCTAssertEqual(PlotColor(name: "Red"), PlotColor.red)
        XCTAssertEqual(PlotColor(name: "blue"), PlotColor.blue)
        XCTAssertEqual(PlotColor(name: "GREY"), PlotColor.gray)
        XCTAssertNil(PlotColor(name: "chartreuse-ish"))
    }
}

final class PointSeriesTests: XCTestCase {
    /// A scatter series draws one circle per finite point and sets the x axis from its points.
    func testScatterDrawsEveryFinitePoint() throws {
        let figure = Figure(
            title: "samples", xAxis: Axis(title: "x", range: -2...2),
            panels: [
                Panel(
                    yAxis: Axis(title: "y", range: -2...2),
                    series: [
                        .points(PointSeries(label: "generated", color: .red, x: [0, 1, .nan, -1], y: [0, 1, 1, .infinity]))
                    ])
            ], width: 400, height: 440)
        let svg = SVGRenderer(idPrefix: "scatter").render(figure)
        let root = try wellFormedXMLRoot(svg)
        let circles = try root.nodes(forXPath: "//*[local-name()='circle']")
        XCTAssertEqual(circles.count, 3)  // two points and the legend's swatch
    }
}
