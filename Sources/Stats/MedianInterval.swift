import Foundation

/// A median and its distribution-free confidence interval.
public struct MedianInterval: Sendable, Codable, Equatable {
    public let median: Double
    public let lower: Double
    public let upper: Double
    /// The interval's exact coverage for any continuous distribution (at least the level asked for,
    /// unless even [min, max] falls short: then [min, max] and its coverage 1 - 2 / 2^n).
    public let coverage: Double
}

/// The median (numpy's, halfway between the middle two of an even count) and the order-statistic
/// interval [x_(k), x_(n+1-k)] with the largest k whose coverage 1 - 2 P(B <= k - 1), B ~ Binomial(n, 1/2),
/// is at least `level` (the sign test's interval; exact, no distributional assumption).
/// - Throws: `StatsError` for an empty sample or a NaN.
public func medianInterval(_ values: [Double], level: Double = 0.95) throws -> MedianInterval {
    try Check.rankable(values, sample: "x")
    let x = values.sorted(), n = x.count
    let median = linearQuantile(sorted: x, 0.5)
    // cdf[j] = P(B <= j) for B ~ Binomial(n, 1/2), in log space for large n.
    var cdf: [Double] = [], total = 0.0
    for j in 0..<n {
        total += exp(lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1)) - Double(n) * log(2.0))
        cdf.append(total)
    }
    var k = 1
    while k < n / 2 + 1, 1 - 2 * cdf[k] >= level { k += 1 }
    // Now the tail P(B <= k - 1) is the largest one with coverage >= level (k = 1: [min, max]).
    return MedianInterval(median: median, lower: x[k - 1], upper: x[n - k], coverage: 1 - 2 * cdf[k - 1])
}
