/// A confidence interval around a point estimate.
public struct Interval: Sendable, Codable, Equatable {
    /// The point estimate (a mean, or a difference of means).
    public let center: Double
    public let lower: Double
    public let upper: Double
    /// Confidence level in (0, 1), e.g. 0.9.
    public let level: Double

    public init(center: Double, lower: Double, upper: Double, level: Double) {
        self.center = center
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}

/// Student-t interval for the mean: mean +- t_{(1+level)/2, n-1} * s/sqrt(n)
/// (scipy `stats.t.interval(level, n-1, loc=mean, scale=sem)`), s with ddof 1.
/// Needs n >= 2 finite values; constant data give a zero-width interval.
public func studentTInterval(_ values: [Double], level: Double = 0.9) throws -> Interval {
    try Check.level(level)
    try Check.finite(values, sample: "values", minimum: 2, statistic: "Student-t interval")
    let n = Double(values.count)
    let center = mean(values)
    let standardError = sampleStandardDeviation(values) / n.squareRoot()
    let t = try studentTQuantile((1 + level) / 2, degreesOfFreedom: n - 1)
    let half = t * standardError
    return Interval(center: center, lower: center - half, upper: center + half, level: level)
}
