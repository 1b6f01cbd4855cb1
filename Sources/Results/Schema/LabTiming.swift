/// One line of `lab_timings.jsonl`: the wall time of one start of one arm (kept apart from
/// `lab.jsonl` so that a resumed lab run gives a byte-identical `lab.jsonl`).
/// Keys in file order: schema_version, arm, start, seconds.
public struct LabTiming: Equatable, Sendable, JSONLinesRecord {
    public var arm: LabArm
    public var start: Int
    public var seconds: Double

    public init(arm: LabArm, start: Int, seconds: Double) {
        self.arm = arm
        self.start = start
        self.seconds = seconds
    }

    public static let schemaVersion = LabSchema.version
    public static let expectedKeys = "\"arm\", \"start\" and \"seconds\""
}

/// The names of the files of a lab folder.
public enum LabFiles {
    /// Every choice of the lab run (`LabConfig`).
    public static let config = "lab_config.json"
    /// `LabRecord` lines, start by start, arms in the configured order.
    public static let records = "lab.jsonl"
    /// `LabTiming` lines.
    public static let timings = "lab_timings.jsonl"
}
