// Float64 central finite differences: the one gradient-check helper of the tests (Backend ops,
// layers through `LayerGradientCheck`, losses, the exponential neuron).
//
// Error measure. For component i with analytic a_i and numeric n_i:
//     relErr_i = |a_i - n_i| / max(|a_i|, |n_i|, 1e-3 * scale),   scale = max_j max(|a_j|, |n_j|)
// i.e. an ordinary relative error, except that the denominator never drops below one thousandth
// of the largest gradient component. Components that are (nearly) zero, where any rounding noise
// would be a huge relative error, are thereby measured against the gradient's overall size.
// The check reports the maximum over all components and where it occurred.

/// Outcome of one gradient comparison; `description` names the worst component.
public struct GradientCheckResult: CustomStringConvertible, Sendable {
    /// Largest robust relative error over all components (0 when both gradients are exactly zero).
    public var maxRelativeError: Double
    /// Index of the component with the largest error.
    public var worstIndex: Int
    public var analyticAtWorst: Double
    public var numericAtWorst: Double
    /// Largest gradient magnitude, the base of the denominator floor.
    public var scale: Double

    public var description: String {
        "max relative error \(maxRelativeError) at index \(worstIndex) "
            + "(analytic \(analyticAtWorst), numeric \(numericAtWorst), gradient scale \(scale))"
    }
}

public enum GradientCheck {
    /// Fraction of the largest gradient component below which denominators are not allowed to fall.
    public static let defaultFloorFraction = 1e-3

    /// Central differences (f(x + h e_i) - f(x - h e_i)) / (2h) with h = step * max(1, |x_i|).
    public static func centralDifferences(
        of f: ([Double]) throws -> Double, at x: [Double],
        step: Double = 1e-5
    ) rethrows -> [Double] {
        var probe = x
        var gradient = [Double](repeating: 0, count: x.count)
        for i in x.indices {
            let h = step * max(1, abs(x[i]))
            probe[i] = x[i] + h
            let up = try f(probe)
            probe[i] = x[i] - h
            let down = try f(probe)
            probe[i] = x[i]
            // Divide by the step actually taken after rounding of x_i +- h.
            gradient[i] = (up - down) / ((x[i] + h) - (x[i] - h))
        }
        return gradient
    }

    /// Robust relative error between two gradients of the same length (see the file header).
    /// `scale` overrides the largest component (e.g. when only some components were checked).
    public static func compare(
        analytic: [Double], numeric: [Double],
        floorFraction: Double = defaultFloorFraction, scale explicitScale: Double? = nil
    ) -> GradientCheckResult {
        precondition(
            analytic.count == numeric.count,
            "GradientCheck.compare: \(analytic.count) analytic vs \(numeric.count) numeric components")
        let scale = explicitScale ?? zip(analytic, numeric).reduce(0) { max($0, abs($1.0), abs($1.1)) }
        var result = GradientCheckResult(
            maxRelativeError: 0, worstIndex: 0, analyticAtWorst: analytic.first ?? 0,
            numericAtWorst: numeric.first ?? 0, scale: scale)
        for i in analytic.indices {
            let (a, n) = (analytic[i], numeric[i])
            let difference = abs(a - n)
            if difference == 0 { continue }
            let error = difference / max(abs(a), abs(n), floorFraction * scale)
            if !(error <= result.maxRelativeError) {  // also records NaN
                result = GradientCheckResult(
                    maxRelativeError: error, worstIndex: i, analyticAtWorst: a,
                    numericAtWorst: n, scale: scale)
                if error.isNaN { break }
            }
        }
        return result
    }

    /// Compares `analytic` with central differences of `f` at `x`.
    public static func check(
        _ f: ([Double]) throws -> Double, at x: [Double], analytic: [Double],
        step: Double = 1e-5
    ) rethrows -> GradientCheckResult {
        compare(analytic: analytic, numeric: try centralDifferences(of: f, at: x, step: step))
    }

    /// (f(+h) - f(-h)) / (2h): the derivative along one coordinate, `f` taking the offset from the current point.
    public static func centralDifference(step h: Double = 1e-6, _ f: (Double) throws -> Double) rethrows -> Double {
        (try f(h) - f(-h)) / (2 * h)
    }
}
