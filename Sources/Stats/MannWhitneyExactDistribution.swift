/// Exact null distribution of the Mann-Whitney U statistic for samples of
/// sizes m and n without ties: counts of the ways to obtain each U, built
/// with the classic recursion
///     N(u; i, j) = N(u - j; i - 1, j) + N(u; i, j - 1),
/// (the largest of i + j values belongs to the first sample, adding j to U,
/// or to the second, adding nothing), with N(0; i, 0) = N(0; 0, j) = 1.
/// Only additions of non-negative numbers, so Double keeps ~1e-16 relative
/// accuracy even past 2^53.
struct MannWhitneyExactDistribution {
    let m: Int
    let n: Int
    /// counts[u] for u in 0...m*n.
    let counts: [Double]
    let total: Double

    /// Sizes must be at least 1. Time O(m^2 n^2), memory O(min(m,n)^2 max(m,n)).
    init(_ m: Int, _ n: Int) {
        precondition(m >= 1 && n >= 1, "sample sizes must be positive")
        let small = min(m, n), large = max(m, n)
        // The counts are symmetric in (i, j); i runs over the larger size so
        // that only small + 1 rows are kept.
        // previous[j] holds N(.; i - 1, j); current[j] holds N(.; i, j).
        var previous = [[Double]](repeating: [1], count: small + 1)
        for i in 1...large {
            var current: [[Double]] = [[1]]  // j = 0: only U = 0
            current.reserveCapacity(small + 1)
            for j in 1...small {
                var row = [Double](repeating: 0, count: i * j + 1)
                for (u, c) in previous[j].enumerated() { row[u + j] += c }  // N(u - j; i-1, j)
                for (u, c) in current[j - 1].enumerated() { row[u] += c }   // N(u; i, j-1)
                current.append(row)
            }
            previous = current
        }
        self.m = m
        self.n = n
        self.counts = previous[small]
        precondition(counts.count == small * large + 1)
        self.total = counts.reduce(0, +)
    }

    /// P(U >= u) for an integer u, summing whichever tail is smaller
    /// (the distribution is symmetric about m*n/2).
    func survival(atLeast u: Int) -> Double {
        let maxU = m * n
        if u <= 0 { return 1 }
        if u > maxU { return 0 }
        if 2 * u > maxU {
            var s = 0.0
            for k in u...maxU { s += counts[k] }
            return s / total
        }
        var below = 0.0
        for k in 0..<u { below += counts[k] }
        return 1 - below / total
    }
}
