/// Exact null distribution of the Mann-Whitney U statistic for samples of
/// sizes m and n without ties, from the classic counting recursion for the
/// number of orderings giving each U,
///     N(u; i, j) = N(u - j; i - 1, j) + N(u; i, j - 1),
/// (the largest of i + j values belongs to the first sample, adding j to U,
/// or to the second, adding nothing), with N(0; i, 0) = N(0; 0, j) = 1.
/// It is run on probabilities, N / C(i + j, i), i.e. with weights i/(i+j)
/// and j/(i+j), so nothing overflows for large samples; only sums of
/// non-negative terms, so relative accuracy stays near 1e-15.
struct MannWhitneyExactDistribution {
    let m: Int
    let n: Int
    /// probabilities[u] = P(U = u) for u in 0...m*n.
    let probabilities: [Double]

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
                let first = Double(i) / Double(i + j), second = Double(j) / Double(i + j)
                for (u, c) in previous[j].enumerated() { row[u + j] += first * c }  // N(u - j; i-1, j)
                for (u, c) in current[j - 1].enumerated() { row[u] += second * c }  // N(u; i, j-1)
                current.append(row)
            }
            previous = current
        }
        self.m = m
        self.n = n
        self.probabilities = previous[small]
        precondition(probabilities.count == small * large + 1)
    }

    /// P(U >= u) for an integer u, summing whichever tail is smaller
    /// (the distribution is symmetric about m*n/2).
    func survival(atLeast u: Int) -> Double {
        let maxU = m * n
        if u <= 0 { return 1 }
        if u > maxU { return 0 }
        if 2 * u > maxU {
            var s = 0.0
            for k in u...maxU { s += probabilities[k] }
            return s
        }
        var below = 0.0
        for k in 0..<u { below += probabilities[k] }
        return 1 - below
    }
}
