import Foundation
import Results

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

/// Encodes a value as one line of compact JSON with sorted keys.
func jsonLine<T: Encodable>(_ value: T) throws -> String {
    try JSON.encode(value, layout: .compact, sortedKeys: true)
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
        let methodText = signFlipEnumeration ? "exact (all sign flips of the tied/zero-containing differences)"
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
