/// Percentile bootstrap interval for mean(x) - mean(y).
///
/// Each of `resamples` rounds draws nx indices into x then ny indices into y
/// (with replacement, `SplitMix64(seed:)`) and records the difference of the
/// resampled means; lower/upper are the (1-level)/2 and (1+level)/2
/// quantiles of those differences with linear interpolation (numpy's
/// default `quantile` rule). `center` is the observed difference.
/// Deterministic for a given seed.
public func bootstrapMeanDifferenceInterval(
    _ x: [Double], _ y: [Double], level: Double = 0.9,
    resamples: Int = 10_000, seed: UInt64
) throws -> Interval {
    try Check.level(level)
    try Check.finite(x, sample: "x", minimum: 1, statistic: "bootstrap interval")
    try Check.finite(y, sample: "y", minimum: 1, statistic: "bootstrap interval")
    guard resamples >= 1 else {
        throw StatsError.invalidArgument(
            name: "resamples", value: Double(resamples),
            requirement: "must be at least 1 (10000 is a good default)")
    }
    var generator = SplitMix64(seed: seed)
    var differences = [Double](repeating: 0, count: resamples)
    for r in 0..<resamples {
        var sumX = 0.0
        for _ in 0..<x.count { sumX += x[generator.nextIndex(below: x.count)] }
        var sumY = 0.0
        for _ in 0..<y.count { sumY += y[generator.nextIndex(below: y.count)] }
        differences[r] = sumX / Double(x.count) - sumY / Double(y.count)
    }
    differences.sort()
    return Interval(
        center: mean(x) - mean(y),
        lower: linearQuantile(sorted: differences, (1 - level) / 2),
        upper: linearQuantile(sorted: differences, (1 + level) / 2),
        level: level)
}

/// Quantile q in [0, 1] of sorted values, interpolating linearly between
/// order statistics at position q*(n-1) (numpy `quantile`, method 'linear').
func linearQuantile(sorted values: [Double], _ q: Double) -> Double {
    let position = q * Double(values.count - 1)
    let below = Int(position.rounded(.down))
    let above = min(below + 1, values.count - 1)
    let fraction = position - Double(below)
    return values[below] + fraction * (values[above] - values[below])
}
