/// Rank-biserial correlation 2*U_x/(nx*ny) - 1, in [-1, 1]: positive when x
/// tends to be larger than y (+1: every x above every y), 0 when neither
/// tends to be larger. U_x counts ties as one half (as `mannWhitneyU`).
public func rankBiserial(_ x: [Double], _ y: [Double]) throws -> Double {
    try Check.rankable(x, sample: "x")
    try Check.rankable(y, sample: "y")
    let ranks = MidRanks(x + y).ranks
    let nx = Double(x.count), ny = Double(y.count)
    let u = ranks[0..<x.count].reduce(0, +) - nx * (nx + 1) / 2
    return 2 * u / (nx * ny) - 1
}

/// sqrt(((nx-1) s_x^2 + (ny-1) s_y^2) / (nx + ny - 2)), a sample of one contributing no variance.
/// Needs nx + ny >= 3.
public func pooledStandardDeviation(_ x: [Double], _ y: [Double]) -> Double {
    let nx = Double(x.count), ny = Double(y.count)
    let varianceX = x.count > 1 ? sampleVariance(x) : 0
    let varianceY = y.count > 1 ? sampleVariance(y) : 0
    return (((nx - 1) * varianceX + (ny - 1) * varianceY) / (nx + ny - 2)).squareRoot()
}

/// Cohen's d with the pooled standard deviation:
/// (mean(x) - mean(y)) / sqrt(((nx-1) s_x^2 + (ny-1) s_y^2) / (nx + ny - 2)),
/// positive when x has the larger mean. Needs nx + ny >= 3 finite values and
/// a non-zero pooled standard deviation.
public func cohensD(_ x: [Double], _ y: [Double]) throws -> Double {
    try Check.finite(x, sample: "x", minimum: 1, statistic: "Cohen's d")
    try Check.finite(y, sample: "y", minimum: 1, statistic: "Cohen's d")
    guard x.count + y.count >= 3 else {
        throw StatsError.tooFewValues(
            sample: "x and y together", count: x.count + y.count, minimum: 3,
            statistic: "Cohen's d (pooled standard deviation)")
    }
    let pooled = pooledStandardDeviation(x, y)
    let difference = mean(x) - mean(y)
    guard pooled > 0 else { throw StatsError.zeroPooledStandardDeviation(meanDifference: difference) }
    return difference / pooled
}
