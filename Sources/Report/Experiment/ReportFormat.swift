import Foundation

/// Number formatting shared by the report's tables.
enum ReportFormat {
    static let missing = "n/a"

    /// Fixed decimals, or "n/a".
    static func fixed(_ value: Double?, _ decimals: Int = 4) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.\(decimals)f", value)
    }

    /// Four significant digits (p-values, residuals, scales).
    static func significant(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.4g", value)
    }

    static func integer(_ value: Int?) -> String {
        value.map(String.init) ?? missing
    }

    static func yesNo(_ value: Bool) -> String {
        value ? "yes" : "no"
    }
}
