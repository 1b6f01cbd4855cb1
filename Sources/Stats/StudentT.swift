import Foundation

/// P(T > t) for Student's t with `degreesOfFreedom` > 0 (scipy `stats.t.sf`).
public func studentTSurvival(_ t: Double, degreesOfFreedom df: Double) -> Double {
    if t.isNaN || !(df > 0) { return .nan }
    if t == 0 { return 0.5 }
    let upper = upperTailForPositive(abs(t), df: df)
    return t > 0 ? upper : 1 - upper
}

/// Student's t quantile: the t with P(T <= t) = p (scipy `stats.t.ppf`).
/// Throws unless 0 < p < 1 and df > 0. Accurate to about 1e-14 relative.
public func studentTQuantile(_ p: Double, degreesOfFreedom df: Double) throws -> Double {
    guard p > 0, p < 1 else {
        throw StatsError.invalidArgument(name: "probability", value: p, requirement: "must lie in (0, 1)")
    }
    guard df > 0, df.isFinite else {
        throw StatsError.invalidArgument(name: "degrees of freedom", value: df, requirement: "must be a positive finite number")
    }
    if p == 0.5 { return 0 }
    let tail = p > 0.5 ? 1 - p : p
    let t = positiveQuantile(upperTail: tail, df: df)
    return p > 0.5 ? t : -t
}

/// P(T > t) for t > 0: 0.5 * I_{df/(df+t^2)}(df/2, 1/2), with both beta
/// arguments formed without cancellation.
private func upperTailForPositive(_ t: Double, df: Double) -> Double {
    if t.isInfinite { return 0 }
    let t2 = t * t
    let x = df / (df + t2)
    let y = t2 / (df + t2)
    return 0.5 * regularizedIncompleteBeta(df / 2, 0.5, x: x, oneMinusX: y)
}

/// Density of Student's t.
private func studentTDensity(_ t: Double, df: Double) -> Double {
    let logNorm = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi)
    return exp(logNorm - (df + 1) / 2 * log1p(t * t / df))
}

/// Solves P(T > t) = alpha for t > 0 (0 < alpha < 0.5) by safeguarded Newton
/// iteration on g(u) = log P(T > e^u) - log alpha, which is nearly linear
/// in the tails; falls back to bisection whenever a step leaves the bracket.
private func positiveQuantile(upperTail alpha: Double, df: Double) -> Double {
    let logAlpha = log(alpha)
    func g(_ u: Double) -> Double { log(upperTailForPositive(exp(u), df: df)) - logAlpha }
    // Bracket: g decreasing in u, g(lo) > 0 > g(hi).
    var lo = 0.0, hi = 0.0
    if g(0) > 0 {
        hi = 1
        while g(hi) > 0 { lo = hi; hi *= 2 }
    } else {
        lo = -1
        while g(lo) < 0 { hi = lo; lo *= 2 }
    }
    var u = (lo + hi) / 2
    for _ in 0..<200 {
        let t = exp(u)
        let tail = upperTailForPositive(t, df: df)
        let value = log(tail) - logAlpha
        if value == 0 { break }
        if value > 0 { lo = u } else { hi = u }
        let slope = -t * studentTDensity(t, df: df) / tail
        var next = u - value / slope
        if !(next > lo && next < hi) { next = (lo + hi) / 2 }
        let step = abs(next - u)
        u = next
        if step <= 1e-15 * max(1, abs(u)) || hi - lo <= 1e-15 * max(1, abs(u)) { break }
    }
    return exp(u)
}
