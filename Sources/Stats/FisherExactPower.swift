import Foundation

/// Exact power of Fisher's exact test for two independent arms of runs, each run failing with its
/// arm's probability: the probability, over every outcome (x1 failures of n1, x2 of n2), that
/// `FisherExact.test` on [[x1, n1 - x1], [x2, n2 - x2]] gives p <= alpha. Computed by enumerating
/// all outcomes (no normal approximation: the runs of a study are few), so it answers "could this
/// many runs show that the neuron changes how often training fails?" for the test the report uses.
/// Power is a saw-tooth in n (the test is discrete); `runsNeeded` returns the first n that reaches
/// the target. scripts/stats/make_power_fixtures.py checks it against scipy's fisher_exact.
public struct FisherExactPower: Sendable {
    public let alpha: Double
    public let alternative: Alternative

    public init(alpha: Double = 0.05, alternative: Alternative = .twoSided) throws {
        guard alpha > 0 && alpha < 1 else { throw StatsError.invalidArgument(name: "alpha", value: alpha, requirement: "strictly between 0 and 1") }
        self.alpha = alpha
        self.alternative = alternative
    }

    /// Power with `n1` runs failing with probability `p1` and `n2` failing with `p2`.
    public func power(n1: Int, n2: Int, p1: Double, p2: Double) throws -> Double {
        try validate(n1: n1, n2: n2, p1: p1, p2: p2)
        return power(of: rejectedOutcomes(n1: n1, n2: n2), n1: n1, n2: n2, p1: p1, p2: p2)
    }

    /// The smallest number of runs per arm (at most `maxRuns`) whose power reaches `power`; nil when
    /// none up to `maxRuns` does (equal rates never do).
    public func runsNeeded(p1: Double, p2: Double, power target: Double, maxRuns: Int = 500) throws -> Int? {
        guard target > 0 && target < 1 else { throw StatsError.invalidArgument(name: "power", value: target, requirement: "strictly between 0 and 1") }
        guard p1 != p2 else { return nil }
        for n in 1...max(1, maxRuns) where try power(n1: n, n2: n, p1: p1, p2: p2) >= target { return n }
        return nil
    }

    /// With `n` runs per arm and failure rate `baseline` in the first arm, the failure rates of the
    /// second arm that the test detects with power `power`: at or below `lower`, at or above `upper`
    /// (nil when no rate on that side is detectable, e.g. with few runs). Found by bisection to 1e-6.
    public func detectableRates(n: Int, baseline: Double, power target: Double) throws -> (lower: Double?, upper: Double?) {
        guard target > 0 && target < 1 else { throw StatsError.invalidArgument(name: "power", value: target, requirement: "strictly between 0 and 1") }
        try validate(n1: n, n2: n, p1: baseline, p2: baseline)
        // The rejected outcomes depend on n only: found once for every rate the bisection tries.
        let rejected = rejectedOutcomes(n1: n, n2: n)
        func powerAt(_ p: Double) -> Double { power(of: rejected, n1: n, n2: n, p1: baseline, p2: p) }
        func boundary(from far: Double) -> Double? {
            guard powerAt(far) >= target else { return nil }
            var detectable = far, not = baseline
            while abs(detectable - not) > 1e-6 {
                let middle = (detectable + not) / 2
                if powerAt(middle) >= target { detectable = middle } else { not = middle }
            }
            return detectable
        }
        return (baseline > 0 ? boundary(from: 0) : nil, baseline < 1 ? boundary(from: 1) : nil)
    }

    private func validate(n1: Int, n2: Int, p1: Double, p2: Double) throws {
        for (name, n) in [("n1", n1), ("n2", n2)] where n < 1 {
            throw StatsError.invalidArgument(name: name, value: Double(n), requirement: "at least 1 run")
        }
        for (name, p) in [("p1", p1), ("p2", p2)] where !(p >= 0 && p <= 1) {
            throw StatsError.invalidArgument(name: name, value: p, requirement: "a probability in [0, 1]")
        }
    }

    /// Every outcome (x1 failures of n1, x2 of n2) the test rejects, by total failures then x1.
    private func rejectedOutcomes(n1: Int, n2: Int) -> [(x1: Int, x2: Int)] {
        var outcomes: [(x1: Int, x2: Int)] = []
        for failures in 0...(n1 + n2) {
            let rejected = rejectionRegion(n1: n1, n2: n2, failures: failures)
            for x1 in rejected.indices where rejected[x1] {
                let x2 = failures - x1
                if x2 >= 0 && x2 <= n2 { outcomes.append((x1, x2)) }
            }
        }
        return outcomes
    }

    /// The probability of the `rejected` outcomes when the arms fail with `p1` and `p2`.
    private func power(of rejected: [(x1: Int, x2: Int)], n1: Int, n2: Int, p1: Double, p2: Double) -> Double {
        let b1 = binomialPMF(n1, p1), b2 = binomialPMF(n2, p2)
        return min(rejected.reduce(0.0) { $0 + b1[$1.x1] * b2[$1.x2] }, 1)
    }

    /// For the tables with `failures` failures in all, whether each x1 (failures of the first arm) gives p <= alpha:
    /// the hypergeometric probabilities of x1 are summed as `FisherExact.test` sums them.
    private func rejectionRegion(n1: Int, n2: Int, failures: Int) -> [Bool] {
        var rejected = [Bool](repeating: false, count: n1 + 1)
        let distribution = Hypergeometric(total: n1 + n2, marked: n1, draws: failures)
        let support = distribution.support
        let pmf = support.map { distribution.pmf($0) }
        switch alternative {
        case .less:
            var cdf = 0.0
            for (i, x) in support.enumerated() { cdf += pmf[i]; rejected[x] = cdf <= alpha }
        case .greater:
            var survival = 0.0
            for (i, x) in support.enumerated().reversed() { survival += pmf[i]; rejected[x] = survival <= alpha }
        case .twoSided:
            // p(x) = sum of the probabilities no larger than P(x) (1e-14 relative tolerance): add them in
            // increasing order, so each x's p is one prefix sum.
            let order = pmf.indices.sorted { pmf[$0] < pmf[$1] }
            var prefix = [Double](repeating: 0, count: order.count + 1)
            for (k, i) in order.enumerated() { prefix[k + 1] = prefix[k] + pmf[i] }
            let mode = pmf.max() ?? 0
            for (i, x) in support.enumerated() {
                let threshold = pmf[i] * (1 + FisherExact.relativeTolerance)
                if abs(pmf[i] - mode) / max(pmf[i], mode) <= FisherExact.relativeTolerance { continue }  // p = 1 at the mode
                var low = 0, high = order.count  // count of probabilities <= threshold
                while low < high {
                    let middle = (low + high) / 2
                    if pmf[order[middle]] <= threshold { low = middle + 1 } else { high = middle }
                }
                rejected[x] = prefix[low] <= alpha
            }
        }
        return rejected
    }

    /// P(X = k) for k = 0...n, X ~ Binomial(n, p).
    private func binomialPMF(_ n: Int, _ p: Double) -> [Double] {
        if p == 0 { return (0...n).map { $0 == 0 ? 1 : 0 } }
        if p == 1 { return (0...n).map { $0 == n ? 1 : 0 } }
        let logP: Double = log(p), logQ: Double = log1p(-p), logNFactorial: Double = Foundation.lgamma(Double(n + 1))
        return (0...n).map { (k: Int) -> Double in
            let logChoose: Double = logNFactorial - Foundation.lgamma(Double(k + 1)) - Foundation.lgamma(Double(n - k + 1))
            return exp(logChoose + Double(k) * logP + Double(n - k) * logQ)
        }
    }
}
