/// How a training ended: normally, stuck (its last epochs learned nothing below some layer, e.g.
/// the dead-ReLU plateau; see `RunRecord.stuckSince`), or diverged (exp overflow, NaN loss).
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case completed
    case stuck
    case diverged

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let status = RunStatus(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be \"completed\", \"stuck\" or \"diverged\", found \"\(text)\"")
        }
        self = status
    }
}
