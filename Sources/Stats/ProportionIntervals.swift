import Foundation

/// Confidence intervals for success rates (binomial proportions) and their differences,
/// checked against statsmodels (scripts/stats/make_proportion_fixtures.py).
public enum ProportionIntervals {
    /// z of a two-sided 95% interval, the normal quantile at 0.975 (one ulp below the correctly
    /// rounded value; scipy's `norm.isf(0.025)` is one ulp above it: differences near 1e-16).
    public static let z95 = 1.959963984540054

    /// Wilson's score interval for `successes` out of `trials` (Wilson 1927; statsmodels
    /// `proportion_confint(count, nobs, alpha, method="wilson")` with z = `norm.isf(alpha / 2)`),
    /// clipped to [0, 1] like statsmodels; exactly 0 below no successes and 1 above all successes.
    /// Nil for zero trials, successes outside 0...trials, or z negative or not finite.
    public static func wilson(successes: Int, trials: Int, z: Double = z95) -> (lower: Double, upper: Double)? {
        guard trials > 0, (0...trials).contains(successes), z.isFinite, z >= 0 else { return nil }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // center - half is 0 at no successes and center + half is 1 at all, but rounding can leave ~1e-16.
        return (successes == 0 ? 0 : max(0, center - half), successes == trials ? 1 : min(1, center + half))
    }

    /// The difference p1 - p2 of two independent proportions with Newcombe's hybrid score
    /// interval (Newcombe 1998, method 10), built from the two Wilson intervals (statsmodels
    /// `confint_proportions_2indep(method="newcomb", compare="diff")`). Nil where `wilson` is nil for an arm.
    public static func newcombeDifference(
        successes1: Int, trials1: Int, successes2: Int, trials2: Int,
        z: Double = z95
    ) -> (difference: Double, lower: Double, upper: Double)? {
        guard let w1 = wilson(successes: successes1, trials: trials1, z: z), let w2 = wilson(successes: successes2, trials: trials2, z: z) else { return nil }
        let p1 = Double(successes1) / Double(trials1), p2 = Double(successes2) / Double(trials2)
        let d = p1 - p2
        let lower = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let upper = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        return (d, lower, upper)
    }
}
