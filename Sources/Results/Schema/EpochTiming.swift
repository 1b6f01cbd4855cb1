/// One line of `timings.jsonl`: the wall time of one epoch of one training (null when unknown).
/// Keys in file order: schema_version, run, arm, epoch, seconds.
public struct EpochTiming: Equatable, Sendable, JSONLinesRecord {
    public var run: Int
    public var arm: Arm
    /// 1-based.
    public var epoch: Int
    public var seconds: Double?

    public init(run: Int, arm: Arm, epoch: Int, seconds: Double?) {
        self.run = run
        self.arm = arm
        self.epoch = epoch
        self.seconds = seconds
    }

    public static let schemaVersion = ResultsSchema.version
    public static let expectedKeys = "\"run\", \"arm\", \"epoch\" and \"seconds\""

    enum CodingKeys: String, CodingKey { case run, arm, epoch, seconds }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        run = try c.decode(Int.self, forKey: .run)
        arm = try c.decode(Arm.self, forKey: .arm)
        epoch = try c.decode(Int.self, forKey: .epoch)
        seconds = try c.finiteDouble(forKey: .seconds)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run, forKey: .run)
        try c.encode(arm, forKey: .arm)
        try c.encode(epoch, forKey: .epoch)
        try c.encodeOrNull(seconds, forKey: .seconds)
    }
}
