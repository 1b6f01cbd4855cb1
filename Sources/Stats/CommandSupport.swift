import Foundation

/// Parses a command-line sample such as "0.81,0.80, 0.83" (comma-separated,
/// spaces allowed around items) into numbers. Throws `StatsError` naming
/// `option` and the 1-based position of the first item that is empty or
/// not a finite number.
public func parseSample(_ text: String, option: String) throws -> [Double] {
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw StatsError.emptyOption(option: option)
    }
    let items = text.split(separator: ",", omittingEmptySubsequences: false)
    return try items.enumerated().map { index, raw in
        let item = raw.trimmingCharacters(in: .whitespaces)
        guard let value = Double(item), value.isFinite else {
            throw StatsError.badSampleItem(option: option, position: index + 1, text: item)
        }
        return value
    }
}

/// Encodes a value as one line of compact JSON with sorted keys (Foundation's `JSONEncoder`).
func jsonLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

extension MannWhitneyResult {
    /// Plain-text report: U, p-value, method, alternative, continuity, sizes.
    public var summary: String {
        """
        Mann-Whitney U test (x: \(nx) values, y: \(ny) values)
        U = \(u)
        p = \(pValue)
        method: \(method.rawValue)
        alternative: \(alternative.rawValue)
        continuity correction: \(continuity ? "yes" : "no")
        """
    }

    /// The result as one JSON object with sorted keys (decodable back into
    /// `MannWhitneyResult`).
    public func jsonString() throws -> String { try jsonLine(self) }
}

extension WilcoxonResult {
    /// Plain-text report: statistic, p-value, method, alternative, pairs.
    public var summary: String {
        let methodText =
            signFlipEnumeration
            ? "exact (all sign flips of the tied/zero-containing differences)"
            : method.rawValue
        return """
            Wilcoxon signed-rank test (\(pairs) pairs, \(nonzeroPairs) with non-zero difference)
            statistic = \(statistic) (\(alternative == .twoSided ? "min(R+, R-)" : "R+"))
            p = \(pValue)
            method: \(methodText)
            alternative: \(alternative.rawValue)
            continuity correction: \(continuity ? "yes" : "no")
            """
    }

    /// The result as one JSON object with sorted keys (decodable back into
    /// `WilcoxonResult`).
    public func jsonString() throws -> String { try jsonLine(self) }
}

/// Parses a command-line 2x2 table "a,b,c,d" (row by row: [[a, b], [c, d]],
/// spaces allowed around items) into four counts. Throws
/// `StatsError.badTable` unless there are exactly four integers, and
/// `StatsError.negativeCount` for a negative one.
public func parseTable(_ text: String, option: String) throws -> (a: Int, b: Int, c: Int, d: Int) {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard items.count == 4 else {
        throw StatsError.badTable(option: option, text: text, problem: "expected 4 comma-separated counts, got \(items.count)")
    }
    var counts: [Int] = []
    for (index, item) in items.enumerated() {
        guard let count = Int(item) else {
            throw StatsError.badTable(
                option: option, text: text,
                problem: "item \(index + 1) ('\(item)') is not a whole number")
        }
        if count < 0 { throw StatsError.negativeCount(cell: ["a", "b", "c", "d"][index], value: count) }
        counts.append(count)
    }
    return (counts[0], counts[1], counts[2], counts[3])
}

extension FisherExactResult {
    /// What `one-neuron stats fisher` prints: `p = ...` and `odds ratio = ...`
    /// (shortest round-trip decimals: full precision).
    public var summary: String {
        """
        p = \(pValue)
        odds ratio = \(oddsRatio)
        """
    }
}

/// The unknown of `one-neuron stats power`: given two of effect size, n and
/// power, solve for the third (statsmodels' `solve_power`).
public enum PowerQuery: Sendable, Equatable {
    case power(effectSize: Double, n: Double)
    case n(effectSize: Double, power: Double)
    case effectSize(n: Double, power: Double)
}

extension TTestPowerAnalysis {
    /// Solves `query` and returns the one line `one-neuron stats power`
    /// prints: `power = P`, `n = N` (fractional) or `effect size = D`, with
    /// the shortest decimal that round-trips (full precision).
    public func answerLine(_ query: PowerQuery, alpha: Double = 0.05, alternative: PowerAlternative = .twoSided) throws -> String {
        switch query {
        case let .power(effectSize, n):
            return "power = \(try power(effectSize: effectSize, n: n, alpha: alpha, alternative: alternative))"
        case let .n(effectSize, power):
            return "n = \(try solveN(effectSize: effectSize, power: power, alpha: alpha, alternative: alternative))"
        case let .effectSize(n, power):
            return "effect size = \(try minimumDetectableEffect(n: n, power: power, alpha: alpha, alternative: alternative))"
        }
    }
}
