import Foundation
import Tensor

/// Standard normal draws from a `SeededGenerator` (Box-Muller in float64): the mixtures' noise and z ~ N(0, I).
public enum GaussianNoise {
    /// Two independent N(0, 1) values.
    public static func pair(_ generator: inout SeededGenerator) -> (Double, Double) {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u = 1 - generator.unitDouble(), v = generator.unitDouble()
        let r = (-2 * log(u)).squareRoot(), angle = 2 * Double.pi * v
        return (r * cos(angle), r * sin(angle))
    }

    /// `count` N(0, 1) values as float32 (the generator's z).
    public static func fill(count: Int, generator: inout SeededGenerator) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        var i = 0
        while i < count {
            let (u, v) = pair(&generator)
            values[i] = Float(u)
            if i + 1 < count { values[i + 1] = Float(v) }
            i += 2
        }
        return values
    }
}
