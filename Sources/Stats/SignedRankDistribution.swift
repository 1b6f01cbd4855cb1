/// Null distribution of the Wilcoxon statistic R+ (sum of the ranks of the
/// positive differences) when each difference is positive or negative with
/// probability 1/2 independently: the counts of the 2^n sign patterns per
/// value of R+. Ranks are given doubled so that mid-ranks (k/2) stay
/// integers; with ranks 1...n this is scipy's exact Wilcoxon table, with
/// tied mid-ranks it is scipy's exhaustive sign-flip permutation null.
struct SignedRankDistribution {
    /// counts[s] = number of sign patterns with 2*R+ == s.
    let counts: [Double]
    let total: Double

    init(doubledRanks: [Int]) {
        var counts = [1.0]
        for rank in doubledRanks {
            var next = counts + [Double](repeating: 0, count: rank)
            for (s, c) in counts.enumerated() { next[s + rank] += c }
            counts = next
        }
        self.counts = counts
        self.total = counts.reduce(0, +)
    }

    /// P(2 R+ >= s), summing the smaller tail (the distribution is symmetric).
    func probability(atLeast s: Int) -> Double {
        let top = counts.count - 1
        if s <= 0 { return 1 }
        if s > top { return 0 }
        if 2 * s > top {
            var sum = 0.0
            for k in s...top { sum += counts[k] }
            return sum / total
        }
        var below = 0.0
        for k in 0..<s { below += counts[k] }
        return 1 - below / total
    }

    /// P(2 R+ <= s).
    func probability(atMost s: Int) -> Double {
        // symmetric: P(2R+ <= s) = P(2R+ >= top - s)
        probability(atLeast: counts.count - 1 - s)
    }
}
