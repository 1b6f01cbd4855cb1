/// Result of `mannWhitneyU`.
public struct MannWhitneyResult: Sendable, Codable, Equatable {
    /// U statistic of x: number of pairs (x_i, y_j) with x_i > y_j, ties
    /// counting one half (scipy's `statistic`, whatever the alternative).
    public let u: Double
    public let pValue: Double
    /// The method actually used: `.exact` or `.asymptotic`, never `.auto`.
    public let method: TestMethod
    /// True when the continuity correction was applied (asymptotic only).
    public let continuity: Bool
    /// The alternative the p-value refers to.
    public let alternative: Alternative
    /// Sample sizes of x and y.
    public let nx: Int
    public let ny: Int
}

/// Mann-Whitney U test of x against y, identical to scipy 1.17
/// `stats.mannwhitneyu(x, y, use_continuity:, alternative:, method:)`:
/// - U is the statistic of x (sum of x's mid-ranks minus nx(nx+1)/2).
/// - `.auto` uses the exact distribution when nx <= 8 or ny <= 8 and there
///   are no ties, otherwise the normal approximation.
/// - The normal approximation uses the tie-corrected variance
///   nx*ny/12 * ((N+1) - sum(t^3-t)/(N(N-1))) and, when `continuity`, shifts
///   U towards the mean by 0.5. If every value is equal (zero variance)
///   the p-value is 1 (scipy gives 1 with continuity, NaN without).
/// Differences from scipy: NaN input and empty samples throw instead of
/// returning NaN, and `.exact` with ties throws (scipy silently uses the
/// no-ties distribution at floor(U)).
public func mannWhitneyU(
    _ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
    method: TestMethod = .auto, continuity: Bool = true
) throws -> MannWhitneyResult {
    try Check.rankable(x, sample: "x")
    try Check.rankable(y, sample: "y")
    let nx = x.count, ny = y.count
    let ranking = MidRanks(x + y)
    let rankSumX = ranking.ranks[0..<nx].reduce(0, +)
    let u1 = rankSumX - Double(nx * (nx + 1)) / 2
    let u2 = Double(nx * ny) - u1
    let tested: Double, factor: Double
    switch alternative {
    case .greater: tested = u1; factor = 1
    case .less: tested = u2; factor = 1
    case .twoSided: tested = max(u1, u2); factor = 2
    }

    var resolved = method
    if method == .auto {
        resolved = (nx > 8 && ny > 8) || ranking.hasTies ? .asymptotic : .exact
    }
    if resolved == .exact && ranking.hasTies {
        let tied = ranking.tieGroupSizes.filter { $0 > 1 }
        throw StatsError.exactWithTies(
            test: "Mann-Whitney U",
            detail: "the \(nx + ny) pooled values contain \(tied.count) group(s) of tied values (sizes \(tied))")
    }

    var p: Double
    if resolved == .exact {
        // Without ties U is an integer (up to rounding of the rank sum).
        let distribution = MannWhitneyExactDistribution(nx, ny)
        p = distribution.survival(atLeast: Int(tested.rounded()))
    } else {
        let n = Double(nx + ny)
        let mu = Double(nx * ny) / 2
        let variance = Double(nx * ny) / 12 * ((n + 1) - ranking.tieTerm / (n * (n - 1)))
        let s = variance.squareRoot()
        let numerator = tested - mu - (continuity ? 0.5 : 0)
        p = s > 0 ? standardNormalSurvival(numerator / s) : 1
    }
    p = min(max(p * factor, 0), 1)
    return MannWhitneyResult(
        u: u1, pValue: p, method: resolved, continuity: continuity && resolved == .asymptotic,
        alternative: alternative, nx: nx, ny: ny)
}
