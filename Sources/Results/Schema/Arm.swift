/// The two arms of the paired experiment.
public enum Arm: String, CaseIterable, Sendable, Codable {
    /// The network as it is ("without neuron").
    case plain
    /// The network plus the exponential neuron ("with neuron").
    case augmented

    /// How figures and tables name the arm.
    public var displayName: String {
        switch self {
        case .plain: return "without neuron"
        case .augmented: return "with neuron"
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let arm = Arm(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be \"plain\" or \"augmented\", found \"\(text)\"")
        }
        self = arm
    }
}
