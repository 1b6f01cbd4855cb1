/// Anti-aliased drawing into a `RasterImage`. Coordinates are in pixels; pixel (i, j) covers
/// the square [i, i+1) x [j, j+1), so a 1-pixel line at y = j + 0.5 fills exactly row j.
extension RasterImage {
    /// A polyline of the given width with round joins and ends.
    public mutating func strokePolyline(_ points: [Point], color: PlotColor, width lineWidth: Double, clip: Rect? = nil) {
        guard let first = points.first else { return }
        let reach = max(lineWidth, 1) / 2 + 1
        var mask = CoverageMask(minX: points.map(\.x).min()! - reach, minY: points.map(\.y).min()! - reach,
                                maxX: points.map(\.x).max()! + reach, maxY: points.map(\.y).max()! + reach)
        if points.count == 1 {
            mask.strokeSegment(from: first, to: first, width: lineWidth)
        }
        for i in 1..<max(points.count, 1) {
            mask.strokeSegment(from: points[i - 1], to: points[i], width: lineWidth)
        }
        composite(mask, color: color, clip: clip)
    }

    /// A filled polygon (even-odd rule).
    public mutating func fillPolygon(_ points: [Point], color: PlotColor, clip: Rect? = nil) {
        guard points.count >= 3 else { return }
        var mask = CoverageMask(minX: points.map(\.x).min()!, minY: points.map(\.y).min()!,
                                maxX: points.map(\.x).max()!, maxY: points.map(\.y).max()!)
        mask.fillPolygon(points)
        composite(mask, color: color, clip: clip)
    }

    /// A filled rectangle; fractional edges are anti-aliased.
    public mutating func fillRect(_ rect: Rect, color: PlotColor, clip: Rect? = nil) {
        guard rect.width > 0, rect.height > 0 else { return }
        var mask = CoverageMask(minX: rect.x, minY: rect.y, maxX: rect.maxX, maxY: rect.maxY)
        mask.fillRect(rect)
        composite(mask, color: color, clip: clip)
    }

    /// A rectangle outline of the given line width centred on the rectangle's edges.
    public mutating func strokeRect(_ rect: Rect, color: PlotColor, width lineWidth: Double, clip: Rect? = nil) {
        let h = lineWidth / 2
        var mask = CoverageMask(minX: rect.x - h, minY: rect.y - h, maxX: rect.maxX + h, maxY: rect.maxY + h)
        mask.fillRect(Rect(x: rect.x - h, y: rect.y - h, width: rect.width + lineWidth, height: lineWidth))
        mask.fillRect(Rect(x: rect.x - h, y: rect.maxY - h, width: rect.width + lineWidth, height: lineWidth))
        mask.fillRect(Rect(x: rect.x - h, y: rect.y + h, width: lineWidth, height: max(rect.height - lineWidth, 0)))
        mask.fillRect(Rect(x: rect.maxX - h, y: rect.y + h, width: lineWidth, height: max(rect.height - lineWidth, 0)))
        composite(mask, color: color, clip: clip)
    }

    /// A filled disc.
    public mutating func fillCircle(center: Point, radius: Double, color: PlotColor, clip: Rect? = nil) {
        var mask = CoverageMask(minX: center.x - radius - 1, minY: center.y - radius - 1, maxX: center.x + radius + 1, maxY: center.y + radius + 1)
        mask.disc(center: center, radius: radius)
        composite(mask, color: color, clip: clip)
    }

    /// A circle outline of the given line width.
    public mutating func strokeCircle(center: Point, radius: Double, color: PlotColor, width lineWidth: Double, clip: Rect? = nil) {
        let reach = radius + lineWidth + 1
        var mask = CoverageMask(minX: center.x - reach, minY: center.y - reach, maxX: center.x + reach, maxY: center.y + reach)
        mask.disc(center: center, radius: radius, ringWidth: lineWidth)
        composite(mask, color: color, clip: clip)
    }

    /// Width in pixels of `text` in the bitmap font with `unit` pixels per font dot.
    public static func textWidth(_ text: String, unit: Int) -> Int {
        text.isEmpty ? 0 : (text.count * BitmapFont.advance - 1) * max(unit, 1)
    }

    /// Draws `text` in the bitmap font; `baseline` is the anchor point on the baseline.
    /// `vertical` text runs bottom-to-top (rotated 90 degrees counter-clockwise).
    public mutating func drawText(_ text: String, baseline: Point, unit: Int, color: PlotColor, anchor: TextAnchor = .start, bold: Bool = false, vertical: Bool = false) {
        let unit = max(unit, 1)
        let total = RasterImage.textWidth(text, unit: unit)
        var along: Int
        switch anchor {
        case .start: along = 0
        case .middle: along = -total / 2
        case .end: along = -total
        }
        let anchorX = Int(baseline.x.rounded()), anchorY = Int(baseline.y.rounded())
        for character in text {
            let rows = BitmapFont.glyph(character)
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.columns where bits & (1 << (4 - column)) != 0 {
                    let u = along + column * unit
                    let v = (row - BitmapFont.ascent) * unit
                    let extra = bold ? max(unit / 2, 1) : 0
                    if vertical {
                        fillPixels(x: anchorX + v, y: anchorY - u - unit - extra, width: unit, height: unit + extra, color: color)
                    } else {
                        fillPixels(x: anchorX + u, y: anchorY + v, width: unit + extra, height: unit, color: color)
                    }
                }
            }
            along += BitmapFont.advance * unit
        }
    }

    private mutating func fillPixels(x: Int, y: Int, width w: Int, height h: Int, color: PlotColor) {
        for yy in max(y, 0)..<max(min(y + h, height), max(y, 0)) {
            for xx in max(x, 0)..<max(min(x + w, width), max(x, 0)) {
                blend(x: xx, y: yy, color: color, coverage: 1)
            }
        }
    }
}
