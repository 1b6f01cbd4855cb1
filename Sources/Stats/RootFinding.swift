import Foundation

/// Brent's method (Brent 1973, "zeroin"): a root of `f` in [a, b], where
/// f(a) and f(b) have opposite signs (or one is zero). Combines bisection
/// with secant and inverse quadratic interpolation, so it never does worse
/// than bisection; stops when the bracket is narrower than
/// 4 eps |x| + 2 `absoluteTolerance`.
func brentRoot(
    _ f: (Double) throws -> Double, _ a: Double, _ b: Double,
    absoluteTolerance: Double = 0, maxIterations: Int = 200
) rethrows -> Double {
    var a = a, b = b
    var fa = try f(a), fb = try f(b)
    if fa == 0 { return a }
    if fb == 0 { return b }
    precondition((fa < 0) != (fb < 0), "brentRoot needs a bracket with a sign change")
    var c = a, fc = fa
    var d = b - a, e = d
    for _ in 0..<maxIterations {
        if (fb < 0) == (fc < 0) {  // keep the root between b and c
            c = a; fc = fa; d = b - a; e = d
        }
        if abs(fc) < abs(fb) {  // b is the best estimate
            a = b; b = c; c = a
            fa = fb; fb = fc; fc = fa
        }
        let tolerance = 2 * Double.ulpOfOne * abs(b) + 0.5 * absoluteTolerance
        let half = (c - b) / 2
        if abs(half) <= tolerance || fb == 0 { return b }
        if abs(e) >= tolerance && abs(fa) > abs(fb) {
            // interpolation: secant if a == c, otherwise inverse quadratic
            let s = fb / fa
            var p: Double, q: Double
            if a == c {
                p = 2 * half * s
                q = 1 - s
            } else {
                let qa = fa / fc, r = fb / fc
                p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1))
                q = (qa - 1) * (r - 1) * (s - 1)
            }
            if p > 0 { q = -q } else { p = -p }
            if 2 * p < min(3 * half * q - abs(tolerance * q), abs(e * q)) {
                e = d; d = p / q
            } else {
                d = half; e = d
            }
        } else {
            d = half; e = d
        }
        a = b; fa = fb
        b += abs(d) > tolerance ? d : (half > 0 ? tolerance : -tolerance)
        fb = try f(b)
    }
    return b
}
