import Foundation
import Tensor

/// A 2D mixture of equal-weight isotropic Gaussians, PacGAN's mode-collapse benchmarks (Lin et al. 2018):
/// `ring8`, 8 modes on the unit circle at angles 2 pi i / 8 with std 0.01, and `grid25`, 25 modes at
/// {-4, -2, 0, 2, 4}^2 with std 0.05.
public enum MixtureTask: String, Sendable, CaseIterable, Codable {
    case ring8
    case grid25

    /// The modes' centres, in a fixed order (the histogram's order).
    public var modes: [SIMD2<Double>] {
        switch self {
        case .ring8:
            return (0..<8).map { i in
                let angle = 2 * Double.pi * Double(i) / 8
                return SIMD2(cos(angle), sin(angle))
            }
        case .grid25:
            let axis: [Double] = [-4, -2, 0, 2, 4]
            return axis.flatMap { x in axis.map { y in SIMD2(x, y) } }
        }
    }

    /// Standard deviation of every mode (per coordinate).
    public var std: Double {
        switch self {
        case .ring8: return 0.01
        case .grid25: return 0.05
        }
    }

    /// Number of modes K.
    public var modeCount: Int { modes.count }

    /// `count` points, row-major [count, 2]: each picks a mode uniformly, then adds N(0, std^2 I2).
    public func sample(count: Int, generator: inout SeededGenerator) -> [Float] {
        let centres = modes
        var points = [Float](repeating: 0, count: count * 2)
        for i in 0..<count {
            let mode = centres[Int(generator.next() % UInt64(centres.count))]
            let (u, v) = GaussianNoise.pair(&generator)
            points[2 * i] = Float(mode.x + std * u)
            points[2 * i + 1] = Float(mode.y + std * v)
        }
        return points
    }
}
