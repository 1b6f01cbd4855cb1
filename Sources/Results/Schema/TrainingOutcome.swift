/// How a training ended: `trainings/runR-ARM/outcome.json`, one line in the `.line` layout:
/// schema_version, status, epochs, then divergedEpoch and cause when set.
public struct TrainingOutcome: Sendable, SchemaVersioned, Equatable {
    public static let schemaVersion = ResultsSchema.version

    public var status: RunStatus
    /// 1-based epoch in which a diverged training stopped.
    public var divergedEpoch: Int?
    /// What made it diverge.
    public var cause: String?
    /// Epochs completed.
    public var epochs: Int

    public init(status: RunStatus, divergedEpoch: Int? = nil, cause: String? = nil, epochs: Int) {
        self.status = status
        self.divergedEpoch = divergedEpoch
        self.cause = cause
        self.epochs = epochs
    }

    enum CodingKeys: String, CodingKey { case cause, divergedEpoch, epochs, status }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(RunStatus.self, forKey: .status)
        divergedEpoch = try c.decodeIfPresent(Int.self, forKey: .divergedEpoch)
        cause = try c.decodeIfPresent(String.self, forKey: .cause)
        epochs = try c.decode(Int.self, forKey: .epochs)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(epochs, forKey: .epochs)
        try c.encodeIfPresent(divergedEpoch, forKey: .divergedEpoch)
        try c.encodeIfPresent(cause, forKey: .cause)
    }
}
