/// Result of `wilcoxonSignedRank`.
public struct WilcoxonResult: Sendable, Codable, Equatable {
    /// scipy's statistic: min(R+, R-) for two-sided, R+ for one-sided
    /// (R+ = sum of the ranks of |x - y| over positive differences).
    public let statistic: Double
    public let pValue: Double
    /// The method actually used: `.exact` or `.asymptotic`, never `.auto`.
    public let method: TestMethod
    /// True when the exact p-value came from enumerating all 2^n sign flips
    /// of the observed mid-ranks (method auto with ties or zero differences
    /// and n <= 13: scipy's PermutationMethod path, deterministic there).
    public let signFlipEnumeration: Bool
    /// True when the continuity correction was applied (asymptotic only).
    public let continuity: Bool
    public let alternative: Alternative
    /// Number of pairs given, and of pairs with non-zero difference (ranked).
    public let pairs: Int
    public let nonzeroPairs: Int
}

/// Wilcoxon signed-rank test on the paired differences x[i] - y[i],
/// identical to scipy 1.17 `stats.wilcoxon(x, y, zero_method='wilcox',
/// correction: continuity, alternative:, method:)`:
/// - zero differences are dropped before ranking |x - y| (mid-ranks for ties).
/// - `.auto`: n > 50 pairs (zeros included) -> asymptotic; otherwise exact
///   when there are no ties and no zeros; otherwise, for n <= 13, the exact
///   sign-flip enumeration; otherwise asymptotic.
/// - asymptotic: z = (R+ - n'(n'+1)/4) / sqrt((n'(n'+1)(2n'+1) - sum(t^3-t)/2)/24)
///   with n' non-zero pairs; `continuity` moves z by 0.5/se towards 0
///   (scipy's `correction`, default false there and here).
/// Differences from scipy: NaN input, empty or all-zero differences throw
/// (scipy returns NaN or p = 1 with a warning), and `.exact` with ties or
/// zeros throws (scipy rounds R+ and uses the no-ties table).
public func wilcoxonSignedRank(
    _ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
    method: TestMethod = .auto, continuity: Bool = false
) throws -> WilcoxonResult {
    try Check.rankable(x, sample: "x")
    try Check.rankable(y, sample: "y")
    guard x.count == y.count else { throw StatsError.lengthMismatch(xCount: x.count, yCount: y.count) }
    let differences = zip(x, y).map { $0 - $1 }
    if let i = differences.firstIndex(where: { $0.isNaN }) {
        throw StatsError.nonFiniteValue(sample: "x - y", index: i, value: differences[i])
    }
    let n = differences.count
    let nonzero = differences.filter { $0 != 0 }
    let zeros = n - nonzero.count
    guard !nonzero.isEmpty else { throw StatsError.allDifferencesZero(pairs: n) }

    let ranking = MidRanks(nonzero.map { abs($0) })
    var rPlus = 0.0, rMinus = 0.0
    for (d, r) in zip(nonzero, ranking.ranks) {
        if d > 0 { rPlus += r } else { rMinus += r }
    }
    let tiesOrZeros = ranking.hasTies || zeros > 0

    var resolved = method
    var enumerate = false
    if method == .auto {
        if n > 50 {
            resolved = .asymptotic
        } else if !tiesOrZeros {
            resolved = .exact
        } else if n <= 13 {
            resolved = .exact
            enumerate = true
        } else {
            resolved = .asymptotic
        }
    } else if method == .exact && tiesOrZeros {
        let tied = ranking.tieGroupSizes.filter { $0 > 1 }
        throw StatsError.exactWithTies(
            test: "Wilcoxon signed-rank",
            detail: "the \(n) differences contain \(zeros) zero(s) and \(tied.count) group(s) of tied |x - y| (sizes \(tied))")
    }

    var p: Double
    if resolved == .exact {
        let distribution = SignedRankDistribution(doubledRanks: ranking.ranks.map { Int(($0 * 2).rounded()) })
        let observed = Int((rPlus * 2).rounded())
        let greater = distribution.probability(atLeast: observed)
        let less = distribution.probability(atMost: observed)
        switch alternative {
        case .greater: p = greater
        case .less: p = less
        case .twoSided: p = min(2 * min(greater, less), 1)
        }
    } else {
        let c = Double(nonzero.count)
        let meanRank = c * (c + 1) / 4
        let se = ((c * (c + 1) * (2 * c + 1) - ranking.tieTerm / 2) / 24).squareRoot()
        var z = (rPlus - meanRank) / se
        if continuity {
            let sign: Double
            switch alternative {
            case .greater: sign = 1
            case .less: sign = -1
            case .twoSided: sign = z > 0 ? 1 : (z < 0 ? -1 : 0)
            }
            z -= sign * 0.5 / se
        }
        switch alternative {
        case .greater: p = standardNormalSurvival(z)
        case .less: p = standardNormalCDF(z)
        case .twoSided: p = 2 * standardNormalSurvival(abs(z))
        }
    }
    let statistic = alternative == .twoSided ? min(rPlus, rMinus) : rPlus
    return WilcoxonResult(
        statistic: statistic, pValue: p, method: resolved, signFlipEnumeration: enumerate,
        continuity: continuity && resolved == .asymptotic, alternative: alternative,
        pairs: n, nonzeroPairs: nonzero.count)
}
