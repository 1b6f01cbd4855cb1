import Foundation

/// log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b).
///
/// When an argument is 10 or more, the large log-gammas are not subtracted
/// (that loses about 1e-12 at a ~ 2500): as R's `lbeta`, Stirling's formula
/// with the correction `stirlingCorrection` is written so that the leading
/// terms cancel analytically.
func logBeta(_ a: Double, _ b: Double) -> Double {
    let p = min(a, b), q = max(a, b)
    if p >= 10 {
        let correction: Double = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
        let leading: Double = -0.5 * log(q) + 0.5 * log(2 * Double.pi)
        let powers: Double = (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
        return leading + correction + powers
    }
    if q >= 10 {
        let correction: Double = stirlingCorrection(q) - stirlingCorrection(p + q)
        let powers: Double = p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        return lgamma(p) + correction + powers
    }
    return lgamma(a) + lgamma(b) - lgamma(a + b)
}

/// log Gamma(x) - [(x - 1/2) log x - x + log(2 pi)/2] for x >= 10: the
/// Stirling series sum B_2k / (2k (2k - 1) x^(2k-1)) to k = 8 (truncation
/// error below 1e-18 at x = 10).
private func stirlingCorrection(_ x: Double) -> Double {
    let coefficients: [Double] = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360_360, 1 / 156, -3617 / 122_400]
    let inverseSquare = 1 / (x * x)
    var sum = 0.0
    for c in coefficients.reversed() { sum = sum * inverseSquare + c }
    return sum / x
}

/// Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1.
///
/// `oneMinusX` must equal 1 - x; callers pass it separately when they can
/// form it without cancellation (e.g. t^2/(df+t^2) next to df/(df+t^2)).
/// Uses the continued fraction on whichever side converges (x below the
/// mean (a+1)/(a+b+2)), relative accuracy about 1e-14.
public func regularizedIncompleteBeta(_ a: Double, _ b: Double, x: Double, oneMinusX: Double? = nil) -> Double {
    let y = oneMinusX ?? (1 - x)
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    if x < (a + 1) / (a + b + 2) {
        return incompleteBetaByFraction(a, b, x: x, y: y)
    }
    return 1 - incompleteBetaByFraction(b, a, x: y, y: x)
}

/// x^a y^b / (a B(a,b)) times the continued fraction for I_x(a, b); valid
/// (fast convergence) for x < (a+1)/(a+b+2). Modified Lentz evaluation.
private func incompleteBetaByFraction(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
    let logFront = a * log(x) + b * log(y) - logBeta(a, b)
    let tiny = 1e-300
    let epsilon = 1e-16
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var fraction = d
    for m in 1...10_000 {
        let md = Double(m)
        // even step
        var numerator = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md))
        d = 1 + numerator * d
        if abs(d) < tiny { d = tiny }
        c = 1 + numerator / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        fraction *= d * c
        // odd step
        numerator = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1))
        d = 1 + numerator * d
        if abs(d) < tiny { d = tiny }
        c = 1 + numerator / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let change = d * c
        fraction *= change
        if abs(change - 1) < epsilon { break }
    }
    return exp(logFront) * fraction / a
}
