import Foundation

/// The hypergeometric distribution of the top-left cell of a 2x2 table with
/// fixed margins: x successes among `draws` items drawn without replacement
/// from `total` items of which `marked` are marked (scipy
/// `stats.hypergeom(total, marked, draws)`).
///
/// Probabilities come from log-gamma in Double: relative accuracy about
/// 1e-13 for tables of a few thousand counts. `logWeight` sums its four
/// log-gamma terms in sorted order, so two outcomes whose probabilities are
/// equal by symmetry get bit-identical weights (Fisher's two-sided test
/// compares probabilities with a 1e-14 relative tolerance).
struct Hypergeometric {
    let total: Int
    let marked: Int
    let draws: Int
    /// The part of log P(X = x) that does not depend on x:
    /// log(marked! (total - marked)! draws! (total - draws)! / total!).
    private let logNormalizer: Double

    init(total: Int, marked: Int, draws: Int) {
        self.total = total
        self.marked = marked
        self.draws = draws
        logNormalizer =
            lgamma(Double(marked + 1)) + lgamma(Double(total - marked + 1))
            + lgamma(Double(draws + 1)) + lgamma(Double(total - draws + 1)) - lgamma(Double(total + 1))
    }

    /// Smallest and largest possible x.
    var support: ClosedRange<Int> { max(0, draws - (total - marked))...min(draws, marked) }

    /// log P(X = x) minus `logNormalizer`: -sum of the four log-factorials.
    private func logWeight(_ x: Int) -> Double {
        let terms = [x, marked - x, draws - x, total - marked - draws + x].map { lgamma(Double($0 + 1)) }.sorted()
        return -(((terms[0] + terms[1]) + terms[2]) + terms[3])
    }

    /// P(X = x); 0 outside the support.
    func pmf(_ x: Int) -> Double {
        guard support.contains(x) else { return 0 }
        return exp(logWeight(x) + logNormalizer)
    }

    /// P(X <= x).
    func cdf(_ x: Int) -> Double {
        let range = support
        if x < range.lowerBound { return 0 }
        if x >= range.upperBound { return 1 }
        return min(1, (range.lowerBound...x).reduce(0) { $0 + pmf($1) })
    }

    /// P(X >= x).
    func survival(atLeast x: Int) -> Double {
        let range = support
        if x <= range.lowerBound { return 1 }
        if x > range.upperBound { return 0 }
        return min(1, (x...range.upperBound).reduce(0) { $0 + pmf($1) })
    }
}
