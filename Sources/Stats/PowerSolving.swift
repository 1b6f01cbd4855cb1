import Foundation

extension TTestPowerAnalysis {
    /// Probability that the level-`alpha` t-test rejects when the true
    /// standardized effect is `effectSize` (statsmodels' `power`):
    /// - `.larger`: P(T > t_{1-alpha}); `.smaller`: P(T < t_alpha);
    /// - `.twoSided`: P(T > t_{1-alpha/2}) + P(T < t_{alpha/2}), both tails
    ///   (so a two-sided power at effect 0 equals alpha);
    /// with T noncentral t (df and noncentrality from n). `n` may be
    /// fractional. Accurate to about 1e-13 absolute (see `noncentralTCDF`).
    /// - Throws: `StatsError.invalidArgument` for alpha outside (0, 1), an n
    ///   giving df <= 0, or a non-finite effect size.
    public func power(
        effectSize: Double, n: Double, alpha: Double = 0.05,
        alternative: PowerAlternative = .twoSided
    ) throws -> Double {
        try checkAlpha(alpha)
        try checkSampleSize(n)
        guard effectSize.isFinite else {
            throw StatsError.invalidArgument(name: "effect size", value: effectSize, requirement: "must be a finite number")
        }
        return try unchecked(effectSize: effectSize, n: n, alpha: alpha, alternative: alternative)
    }

    /// The sample size n at which `power(effectSize:n:alpha:alternative:)`
    /// equals `power`, fractional (statsmodels'
    /// `solve_power(effect_size=, nobs=None | nobs1=None, alpha=, power=)`:
    /// pairs for `TTestPower`, the first sample's size for `TTestIndPower`).
    /// Brackets the root in [2, 50] and widens the upper end tenfold until
    /// the power is reached (statsmodels' `brentq_expanding` start), then
    /// Brent's method to 1e-12 relative (statsmodels stops at 1e-5 absolute,
    /// so its answers differ from this one by up to about 1e-5).
    /// - Throws: `StatsError.invalidArgument` for effect size 0, power or
    ///   alpha outside (0, 1); `StatsError.noSolution` when a one-sided
    ///   alternative points away from the effect, or when n = 2 already
    ///   reaches the power (n below 2 is not searched).
    public func solveN(
        effectSize: Double, power: Double = 0.8, alpha: Double = 0.05,
        alternative: PowerAlternative = .twoSided
    ) throws -> Double {
        try checkAlpha(alpha)
        try checkPower(power)
        guard effectSize.isFinite, effectSize != 0 else {
            throw StatsError.invalidArgument(
                name: "effect size", value: effectSize,
                requirement: "must be a non-zero finite number: no sample size detects an effect of 0")
        }
        if (alternative == .larger && effectSize < 0) || (alternative == .smaller && effectSize > 0) {
            throw StatsError.noSolution(
                quantity: "n",
                detail: "with alternative \(alternative.rawValue) and effect size \(effectSize) the power stays below alpha = \(alpha) "
                    + "for every n; use alternative \(effectSize > 0 ? "larger" : "smaller") or two-sided")
        }
        func gap(_ n: Double) throws -> Double {
            try unchecked(effectSize: effectSize, n: n, alpha: alpha, alternative: alternative) - power
        }
        let low = 2.0
        let atLow = try gap(low)
        if atLow >= 0 {
            throw StatsError.noSolution(
                quantity: "n",
                detail: "the smallest searched \(sampleSizeName), 2, already has power \(atLow + power) >= \(power); "
                    + "an effect of \(effectSize) needs no more than 2")
        }
        var lower = low, upper = 50.0
        while try gap(upper) < 0 {
            lower = upper
            upper *= 10
            if upper > 1e15 {
                throw StatsError.noSolution(quantity: "n", detail: "power \(power) is not reached for any n up to 1e15")
            }
        }
        return try brentRoot(gap, lower, upper, absoluteTolerance: 1e-12 * upper)
    }

    /// The smallest standardized effect size that `n` observations detect
    /// with probability `power` at level `alpha` (statsmodels'
    /// `solve_power(effect_size=None, ...)`): positive for `.twoSided` and
    /// `.larger`, negative for `.smaller`. Multiply by the standard deviation
    /// (pooled, or of the paired differences) for "the smallest difference
    /// this many runs could detect". Brackets in [0, 1], doubling the upper
    /// end, then Brent's method to 1e-12 relative.
    /// - Throws: `StatsError.invalidArgument` for alpha or power outside
    ///   (0, 1) or an n giving df <= 0; `StatsError.noSolution` when
    ///   power <= alpha (every effect, even 0, reaches it).
    public func minimumDetectableEffect(
        n: Double, power: Double = 0.8, alpha: Double = 0.05,
        alternative: PowerAlternative = .twoSided
    ) throws -> Double {
        try checkAlpha(alpha)
        try checkPower(power)
        try checkSampleSize(n)
        if power <= alpha {
            throw StatsError.noSolution(
                quantity: "effect size",
                detail: "power \(power) is not above alpha = \(alpha), which the test reaches with no effect at all")
        }
        // By symmetry of the noncentral t, the smaller-alternative answer is
        // minus the larger-alternative one.
        let side: PowerAlternative = alternative == .twoSided ? .twoSided : .larger
        func gap(_ d: Double) throws -> Double {
            try unchecked(effectSize: d, n: n, alpha: alpha, alternative: side) - power
        }
        var lower = 0.0, upper = 1.0
        while try gap(upper) < 0 {
            lower = upper
            upper *= 2
            if upper > 1e6 {
                throw StatsError.noSolution(quantity: "effect size", detail: "power \(power) is not reached for any effect size up to 1e6")
            }
        }
        let d = try brentRoot(gap, lower, upper, absoluteTolerance: 1e-12 * upper)
        return alternative == .smaller ? -d : d
    }

    /// `power` without the argument checks (callers have checked them).
    private func unchecked(effectSize: Double, n: Double, alpha: Double, alternative: PowerAlternative) throws -> Double {
        let df = degreesOfFreedom(n: n)
        let nc = effectSize * effectiveSampleSize(n: n).squareRoot()
        let tail = alternative == .twoSided ? alpha / 2 : alpha
        let critical = -(try studentTQuantile(tail, degreesOfFreedom: df))  // t_{1 - tail} > 0
        var power = 0.0
        if alternative != .smaller {
            power += noncentralTSurvival(critical, degreesOfFreedom: df, noncentrality: nc)
        }
        if alternative != .larger {
            power += noncentralTCDF(-critical, degreesOfFreedom: df, noncentrality: nc)
        }
        return power
    }

    private func checkAlpha(_ alpha: Double) throws {
        guard alpha > 0, alpha < 1 else {
            throw StatsError.invalidArgument(name: "alpha", value: alpha, requirement: "must lie in (0, 1), e.g. 0.05")
        }
    }

    private func checkPower(_ power: Double) throws {
        guard power > 0, power < 1 else {
            throw StatsError.invalidArgument(name: "power", value: power, requirement: "must lie in (0, 1), e.g. 0.8")
        }
    }

    private func checkSampleSize(_ n: Double) throws {
        guard n.isFinite, degreesOfFreedom(n: n) > 0 else {
            throw StatsError.invalidArgument(
                name: sampleSizeName, value: n,
                requirement: "must be finite and leave positive degrees of freedom (n > 1)")
        }
    }
}
