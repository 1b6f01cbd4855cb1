import Diagnostics
/// How validation data is chosen.
public enum ExperimentSplit: Sendable, Equatable, CustomStringConvertible {
    /// Seeded random share of the frames (the notebook's split; optimistic, see docs/eeg.md).
    case random
    /// Leave one subject out (subject 1...8).
    case subject(Int)
    /// Within every session the last 20% of windows, after a gap.
    case time

    /// Parses "random", "subject", "subject:3", "time".
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first ?? "" {
        case "random": self = .random
        case "time": self = .time
        case "subject":
            let k = parts.count > 1 ? Int(parts[1]) : 1
            guard let k, (1...8).contains(k) else { throw SettingError.valueOutOfRange(.split, value: "'\(text)'", allowed: "subject:K with K in 1...8") }
            self = .subject(k)
        default: throw SettingError.valueOutOfRange(.split, value: "'\(text)'", allowed: "random, subject[:K] or time")
        }
    }

    public var description: String {
        switch self {
        case .random: return "random"
        case .subject(let k): return "subject:\(k)"
        case .time: return "time"
        }
    }
}
