import Foundation

/// Anti-aliased coverage (0...1 per pixel) over a rectangular patch of pixels; shapes are
/// accumulated into it and the result is blended once, so joints of a polyline are not darker.
struct CoverageMask {
    let originX: Int
    let originY: Int
    let width: Int
    let height: Int
    var values: [Float]

    /// A mask covering the pixels touched by the box `minX...maxX, minY...maxY` (pixel coordinates).
    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let safe = { (v: Double) -> Double in v.isFinite ? min(max(v, -1e6), 1e6) : 0 }
        originX = Int(safe(minX).rounded(.down)) - 1
        originY = Int(safe(minY).rounded(.down)) - 1
        width = max(Int(safe(maxX).rounded(.up)) + 2 - originX, 0)
        height = max(Int(safe(maxY).rounded(.up)) + 2 - originY, 0)
        values = [Float](repeating: 0, count: width * height)
    }

    /// Pixel index ranges of the mask intersected with a box.
    private func range(_ low: Double, _ high: Double, origin: Int, size: Int) -> Range<Int> {
        let start = max(Int(low.rounded(.down)), origin)
        let end = min(Int(high.rounded(.up)) + 1, origin + size)
        return start < end ? start..<end : start..<start
    }

    /// Keeps the larger coverage at a pixel (shapes of one stroke do not add up).
    private mutating func raise(_ x: Int, _ y: Int, _ coverage: Double) {
        let i = (y - originY) * width + (x - originX)
        values[i] = max(values[i], Float(coverage))
    }

    private mutating func add(_ x: Int, _ y: Int, _ coverage: Double) {
        guard x >= originX, x < originX + width, y >= originY, y < originY + height else { return }
        let i = (y - originY) * width + (x - originX)
        values[i] = min(values[i] + Float(coverage), 1)
    }

    /// A segment of the given width with round ends (distance-based anti-aliasing).
    mutating func strokeSegment(from a: Point, to b: Point, width lineWidth: Double) {
        let half = max(lineWidth, 1) / 2
        let faint = min(lineWidth, 1)
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        for y in range(min(a.y, b.y) - half - 1, max(a.y, b.y) + half + 1, origin: originY, size: height) {
            for x in range(min(a.x, b.x) - half - 1, max(a.x, b.x) + half + 1, origin: originX, size: width) {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                var t = lengthSquared > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared : 0
                t = min(max(t, 0), 1)
                let ex = px - (a.x + t * dx), ey = py - (a.y + t * dy)
                let distance = (ex * ex + ey * ey).squareRoot()
                let coverage = min(max(half + 0.5 - distance, 0), 1) * faint
                if coverage > 0 { raise(x, y, coverage) }
            }
        }
    }

    /// A filled disc (or, with `ringWidth`, a ring of that width centred on the radius).
    mutating func disc(center: Point, radius: Double, ringWidth: Double? = nil) {
        let reach = radius + (ringWidth ?? 0) / 2 + 1
        for y in range(center.y - reach, center.y + reach, origin: originY, size: height) {
            for x in range(center.x - reach, center.x + reach, origin: originX, size: width) {
                let dx = Double(x) + 0.5 - center.x, dy = Double(y) + 0.5 - center.y
                let distance = (dx * dx + dy * dy).squareRoot()
                let coverage: Double
                if let ringWidth {
                    coverage = min(max(ringWidth / 2 + 0.5 - abs(distance - radius), 0), 1)
                } else {
                    coverage = min(max(radius + 0.5 - distance, 0), 1)
                }
                if coverage > 0 { raise(x, y, coverage) }
            }
        }
    }

    /// A filled polygon (even-odd rule), anti-aliased with 4 sub-scanlines per pixel row and
    /// exact horizontal coverage.
    mutating func fillPolygon(_ points: [Point]) {
        guard points.count >= 3 else { return }
        let samples = 4
        let ys = points.map(\.y)
        for y in range(ys.min()!, ys.max()!, origin: originY, size: height) {
            for s in 0..<samples {
                let sy = Double(y) + (Double(s) + 0.5) / Double(samples)
                var crossings: [Double] = []
                for i in points.indices {
                    let p = points[i], q = points[(i + 1) % points.count]
                    if (p.y <= sy && sy < q.y) || (q.y <= sy && sy < p.y) {
                        crossings.append(p.x + (sy - p.y) * (q.x - p.x) / (q.y - p.y))
                    }
                }
                crossings.sort()
                var k = 0
                while k + 1 < crossings.count {
                    addSpan(y: y, from: crossings[k], to: crossings[k + 1], weight: 1 / Double(samples))
                    k += 2
                }
            }
        }
    }

    /// A filled axis-aligned rectangle with fractional edges.
    mutating func fillRect(_ rect: Rect) {
        for y in range(rect.y, rect.maxY, origin: originY, size: height) {
            let overlapY = min(Double(y + 1), rect.maxY) - max(Double(y), rect.y)
            if overlapY > 0 { addSpan(y: y, from: rect.x, to: rect.maxX, weight: overlapY) }
        }
    }

    private mutating func addSpan(y: Int, from start: Double, to end: Double, weight: Double) {
        let a = max(start, Double(originX)), b = min(end, Double(originX + width))
        guard a < b else { return }
        let first = Int(a.rounded(.down)), last = Int(b.rounded(.down))
        if first == last {
            add(first, y, (b - a) * weight)
            return
        }
        add(first, y, (Double(first + 1) - a) * weight)
        if first + 1 < last {
            for x in (first + 1)..<last { add(x, y, weight) }
        }
        if b > Double(last) { add(last, y, (b - Double(last)) * weight) }
    }
}
