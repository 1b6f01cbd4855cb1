import Foundation
import Plot
import PlotTestSupport
import XCTest

final class PNGEncoderTests: XCTestCase {
    /// A deterministic, non-trivial RGBA pattern (exercises every scanline filter choice).
    func pattern(width: Int, height: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                bytes += [UInt8((x * 7 + y * 3) & 255), UInt8((x * y) & 255), UInt8((255 - x * 5) & 255), UInt8((x + y * 11) & 255)]
            }
        }
        return bytes
    }

    func testRGBRoundTripThroughZlibDecoder() throws {
        let width = 37, height = 23
        let rgba = pattern(width: width, height: height)
        let png = try PNGEncoder.encode(width: width, height: height, rgba: rgba)
        let decoded = try DecodedPNG(png)
        XCTAssertEqual(decoded.chunkTypes, ["IHDR", "IDAT", "IEND"])
        XCTAssertEqual(decoded.width, width)
        XCTAssertEqual(decoded.height, height)
        XCTAssertEqual(decoded.bitDepth, 8)
        XCTAssertEqual(decoded.colorType, 2)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                XCTAssertEqual(decoded.rgb(x: x, y: y), Array(rgba[i..<i + 3]), "pixel \(x),\(y)")
            }
        }
    }

    func testRGBARoundTripKeepsAlpha() throws {
        let rgba = pattern(width: 9, height: 5)
        let decoded = try DecodedPNG(try PNGEncoder.encode(width: 9, height: 5, rgba: rgba, alpha: true))
        XCTAssertEqual(decoded.colorType, 6)
        XCTAssertEqual(decoded.pixels, rgba)
    }

    func testCRCMatchesKnownValue() {
        // CRC-32 of "IEND" is the constant every PNG ends with.
        XCTAssertEqual(PNGEncoder.crc(Array("IEND".utf8)), 0xAE42_6082)
    }

    func testRejectsWrongPixelCountWithMessage() {
        XCTAssertThrowsError(try PNGEncoder.encode(width: 4, height: 4, rgba: [0, 0, 0])) { error in
            XCTAssertTrue("\(error)".contains("expected 64 RGBA bytes"), "\(error)")
        }
        XCTAssertThrowsError(try PNGEncoder.encode(width: 0, height: 4, rgba: []))
    }

    func testRendererOutputDecodesAtScaledSize() throws {
        let figure = Figure(title: "t", xAxis: Axis(title: "epoch"), panels: [
            Panel(yAxis: Axis(title: "y"), series: [.line(LineSeries(label: "a", color: .red, x: [1, 2, 3], y: [0.1, 0.5, 0.2]))]),
        ], width: 200, height: 150)
        let decoded = try DecodedPNG(try PNGRenderer(scale: 2).render(figure))
        XCTAssertEqual(decoded.width, 400)
        XCTAssertEqual(decoded.height, 300)
        // The background is white and the red series put some reddish pixels in.
        XCTAssertEqual(decoded.rgb(x: 0, y: 0), [255, 255, 255])
        var reddish = 0
        for y in 0..<decoded.height {
            for x in 0..<decoded.width {
                let p = decoded.rgb(x: x, y: y)
                if p[0] > 180 && p[1] < 100 && p[2] < 100 { reddish += 1 }
            }
        }
        XCTAssertGreaterThan(reddish, 100)
    }
}
