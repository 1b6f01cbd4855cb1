/// Whether a training finished normally.
public enum RunStatus: String, Sendable, Codable {
    case completed
    case diverged

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let status = RunStatus(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be \"completed\" or \"diverged\", found \"\(text)\"")
        }
        self = status
    }
}
