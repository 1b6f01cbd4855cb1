/// An 8-bit RGBA image (row-major, top row first) that the rasterizer draws into.
public struct RasterImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// RGBA bytes, 4 per pixel.
    public internal(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: PlotColor = .white) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        let alpha = UInt8((background.opacity * 255).rounded())
        var pixels = [UInt8](repeating: 0, count: self.width * self.height * 4)
        var index = 0
        while index < pixels.count {
            pixels[index] = background.red
            pixels[index + 1] = background.green
            pixels[index + 2] = background.blue
            pixels[index + 3] = alpha
            index += 4
        }
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y` (opacity is alpha / 255).
    public func pixel(x: Int, y: Int) -> PlotColor {
        let i = (y * width + x) * 4
        return PlotColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2], opacity: Double(pixels[i + 3]) / 255)
    }

    /// Blends `color` into one pixel with the given coverage (0...1); out-of-image pixels are ignored.
    mutating func blend(x: Int, y: Int, color: PlotColor, coverage: Double) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let alpha = min(max(coverage, 0), 1) * color.opacity
        guard alpha > 0 else { return }
        let i = (y * width + x) * 4
        func mix(_ destination: UInt8, _ source: UInt8) -> UInt8 {
            UInt8((Double(destination) + (Double(source) - Double(destination)) * alpha).rounded())
        }
        pixels[i] = mix(pixels[i], color.red)
        pixels[i + 1] = mix(pixels[i + 1], color.green)
        pixels[i + 2] = mix(pixels[i + 2], color.blue)
        let oldAlpha = Double(pixels[i + 3]) / 255
        pixels[i + 3] = UInt8(((oldAlpha + alpha * (1 - oldAlpha)) * 255).rounded())
    }

    /// Blends a coverage mask into the image, restricted to `clip` (pixel coordinates) if given.
    mutating func composite(_ mask: CoverageMask, color: PlotColor, clip: Rect?) {
        var x0 = mask.originX, y0 = mask.originY
        var x1 = mask.originX + mask.width, y1 = mask.originY + mask.height
        if let clip {
            x0 = max(x0, Int(clip.x.rounded(.down)))
            y0 = max(y0, Int(clip.y.rounded(.down)))
            x1 = min(x1, Int(clip.maxX.rounded(.up)))
            y1 = min(y1, Int(clip.maxY.rounded(.up)))
        }
        x0 = max(x0, 0); y0 = max(y0, 0); x1 = min(x1, width); y1 = min(y1, height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 {
                let coverage = mask.values[(y - mask.originY) * mask.width + (x - mask.originX)]
                if coverage > 0 { blend(x: x, y: y, color: color, coverage: Double(coverage)) }
            }
        }
    }
}
