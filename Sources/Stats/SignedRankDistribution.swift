/// Null distribution of the Wilcoxon statistic R+ (sum of the ranks of the
/// positive differences) when each difference is positive or negative with
/// probability 1/2 independently: the share of the 2^n sign patterns per
/// value of R+ (counts / 2^n, kept as probabilities so nothing overflows).
/// Ranks are given doubled so that mid-ranks (k/2) stay integers; with
/// ranks 1...n this is scipy's exact Wilcoxon table, with tied mid-ranks it
/// is scipy's exhaustive sign-flip permutation null.
struct SignedRankDistribution {
    /// probabilities[s] = P(2 R+ == s).
    let probabilities: [Double]

    init(doubledRanks: [Int]) {
        var probabilities = [1.0]
        for rank in doubledRanks {
            var next = probabilities.map { 0.5 * $0 } + [Double](repeating: 0, count: rank)
            for (s, q) in probabilities.enumerated() { next[s + rank] += 0.5 * q }
            probabilities = next
        }
        self.probabilities = probabilities
    }

    /// P(2 R+ >= s), summing the smaller tail (the distribution is symmetric).
    func probability(atLeast s: Int) -> Double {
        let top = probabilities.count - 1
        if s <= 0 { return 1 }
        if s > top { return 0 }
        if 2 * s > top {
            var sum = 0.0
            for k in s...top { sum += probabilities[k] }
            return sum
        }
        var below = 0.0
        for k in 0..<s { below += probabilities[k] }
        return 1 - below
    }

    /// P(2 R+ <= s).
    func probability(atMost s: Int) -> Double {
        // symmetric: P(2R+ <= s) = P(2R+ >= top - s)
        probability(atLeast: probabilities.count - 1 - s)
    }
}
