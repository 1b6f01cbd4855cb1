/// Result of `FisherExact.test`.
public struct FisherExactResult: Sendable, Codable, Equatable {
    /// The table [[a, b], [c, d]] row by row.
    public let a: Int, b: Int, c: Int, d: Int
    /// Sample (unconditional maximum-likelihood) odds ratio a*d / (b*c):
    /// infinity when b*c = 0 < a*d, NaN when a row or column is all zero
    /// (scipy's `statistic`).
    public let oddsRatio: Double
    public let pValue: Double
    /// The alternative the p-value refers to.
    public let alternative: Alternative
}

/// Fisher's exact test on a 2x2 contingency table, identical to scipy 1.17
/// `stats.fisher_exact([[a, b], [c, d]], alternative:)`.
///
/// For runs of two arms, put one arm per row and (failures, successes) in
/// the columns: `.greater` then means "the first arm has higher odds of
/// failure" (true odds ratio > 1).
public enum FisherExact {
    /// scipy's relative tolerance for "no more likely than the observed table".
    static let relativeTolerance = 1e-14

    /// Tests independence of rows and columns in [[a, b], [c, d]] given its
    /// margins (the hypergeometric distribution of a):
    /// - `.less`: P(X <= a); `.greater`: P(X >= a);
    /// - `.twoSided`: the sum of the probabilities of every table with the
    ///   same margins that is no more likely than the observed one
    ///   (P(x) <= P(a) * (1 + 1e-14)); 1 when a is at the mode.
    /// A row or column that is all zero gives p = 1 and a NaN odds ratio, as
    /// in scipy. Exact (log-gamma in Double, relative error about 1e-13) for
    /// tables of a few thousand counts.
    /// - Throws: `StatsError.negativeCount` for a negative cell,
    ///   `StatsError.emptyTable` when every cell is 0.
    public static func test(a: Int, b: Int, c: Int, d: Int, alternative: Alternative = .twoSided) throws -> FisherExactResult {
        for (name, value) in [("a", a), ("b", b), ("c", c), ("d", d)] where value < 0 {
            throw StatsError.negativeCount(cell: name, value: value)
        }
        if a + b + c + d == 0 { throw StatsError.emptyTable }
        func result(_ oddsRatio: Double, _ p: Double) -> FisherExactResult {
            FisherExactResult(a: a, b: b, c: c, d: d, oddsRatio: oddsRatio, pValue: min(p, 1), alternative: alternative)
        }
        if a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0 { return result(.nan, 1) }
        let oddsRatio = b > 0 && c > 0 ? Double(a) * Double(d) / (Double(b) * Double(c)) : .infinity

        let distribution = Hypergeometric(total: a + b + c + d, marked: a + b, draws: a + c)
        switch alternative {
        case .less:
            return result(oddsRatio, distribution.cdf(a))
        case .greater:
            return result(oddsRatio, distribution.survival(atLeast: a))
        case .twoSided:
            let observed = distribution.pmf(a)
            let threshold = observed * (1 + relativeTolerance)
            let mode = Int(Double(a + c + 1) * Double(a + b + 1) / Double(a + b + c + d + 2))
            let atMode = distribution.pmf(mode)
            if abs(observed - atMode) / max(observed, atMode) <= relativeTolerance { return result(oddsRatio, 1) }
            // The pmf is unimodal: the tables no more likely than the observed
            // one are the two tails; sum every such table (support <= a few thousand).
            var p = 0.0
            for x in distribution.support {
                let probability = distribution.pmf(x)
                if probability <= threshold { p += probability }
            }
            return result(oddsRatio, p)
        }
    }
}
