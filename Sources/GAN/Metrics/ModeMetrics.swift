import Foundation

/// PacGAN's mode-collapse metrics of a set of generated points (Lin et al. 2018, their 2D experiments):
/// a point is of high quality when it lies within 3 standard deviations of its nearest mode; a mode
/// is captured when at least one high-quality point is nearest to it; the reverse KL is
/// KL(q || u) = sum over modes with q_i > 0 of q_i log(q_i K), with q the histogram of the
/// high-quality points over the K modes (normalised) and u the uniform distribution.
public struct ModeMetrics: Sendable, Equatable, Codable {
    /// High-quality points per mode, in the task's mode order.
    public var histogram: [Int]
    /// Number of points measured.
    public var sampleCount: Int
    /// Points that are not finite (a diverged generator): never of high quality.
    public var nonFiniteCount: Int

    /// Modes with at least one high-quality point.
    public var modesCaptured: Int { histogram.filter { $0 > 0 }.count }
    /// Number of high-quality points.
    public var highQualityCount: Int { histogram.reduce(0, +) }
    /// Percentage of points of high quality (0 to 100).
    public var highQualityPercent: Double { sampleCount == 0 ? 0 : 100 * Double(highQualityCount) / Double(sampleCount) }

    /// KL(q || u) in nats; nil when no point is of high quality (q is undefined).
    public var reverseKL: Double? {
        let total = Double(highQualityCount)
        guard total > 0 else { return nil }
        let k = Double(histogram.count)
        return histogram.reduce(0.0) { sum, c in
            guard c > 0 else { return sum }
            let q = Double(c) / total
            return sum + q * log(q * k)
        }
    }

    public init(histogram: [Int], sampleCount: Int, nonFiniteCount: Int = 0) {
        self.histogram = histogram; self.sampleCount = sampleCount; self.nonFiniteCount = nonFiniteCount
    }

    /// Measures `points` (row-major [n, 2]) against `task`'s modes. A point exactly as far from two
    /// modes goes to the first of them.
    public init(points: [Float], task: MixtureTask) {
        precondition(points.count % 2 == 0, "points are (x, y) pairs")
        let modes = task.modes, limit = 3 * task.std
        var histogram = [Int](repeating: 0, count: modes.count), nonFinite = 0
        for i in 0..<(points.count / 2) {
            let p = SIMD2(Double(points[2 * i]), Double(points[2 * i + 1]))
            guard p.x.isFinite, p.y.isFinite else { nonFinite += 1; continue }
            var nearest = 0, best = Double.infinity
            for (m, centre) in modes.enumerated() {
                let d = p - centre
                let distance = (d.x * d.x + d.y * d.y).squareRoot()
                if distance < best { best = distance; nearest = m }
            }
            if best <= limit { histogram[nearest] += 1 }
        }
        self.init(histogram: histogram, sampleCount: points.count / 2, nonFiniteCount: nonFinite)
    }

    /// Whether fewer than all modes are captured (the collapse counted by the study).
    public var collapsed: Bool { modesCaptured < histogram.count }
}
