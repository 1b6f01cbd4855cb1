import Foundation

/// P(Z > z) for a standard normal Z, accurate in the far tails
/// (scipy `special.ndtr(-z)` / `stats.norm.sf(z)`).
public func standardNormalSurvival(_ z: Double) -> Double {
    if z.isNaN { return .nan }
    return 0.5 * erfc(z / 2.0.squareRoot())
}

/// P(Z <= z) for a standard normal Z (scipy `special.ndtr(z)`).
public func standardNormalCDF(_ z: Double) -> Double {
    standardNormalSurvival(-z)
}
