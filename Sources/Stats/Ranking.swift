/// Average ("mid") ranks, 1-based, as scipy.stats.rankdata(method='average'),
/// together with the sizes of the groups of tied values (every group,
/// including singletons).
struct MidRanks {
    let ranks: [Double]
    let tieGroupSizes: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var groups: [Int] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // positions start..<end hold equal values: ordinal ranks start+1...end
            let average = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = average }
            groups.append(end - start)
            start = end
        }
        self.ranks = ranks
        self.tieGroupSizes = groups
    }

    /// True when at least two values are equal.
    var hasTies: Bool { tieGroupSizes.contains { $0 > 1 } }

    /// sum over tie groups of t^3 - t (the tie term of normal approximations).
    var tieTerm: Double {
        tieGroupSizes.reduce(0.0) { sum, t in
            let d = Double(t)
            return sum + d * d * d - d
        }
    }
}
