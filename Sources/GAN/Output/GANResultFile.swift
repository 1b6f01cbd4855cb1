/// An arm's result.json: the run's settings, its fate, its final metrics and its step time. Written
/// last: an arm folder with it is finished (a rerun skips it), one without it is started again.
public struct GANResultFile: Sendable, Codable {
    public var schemaVersion = ganSchemaVersion
    public var config: GANConfig
    public var fate: GANFate
    public var fateStep: Int?
    public var fateMessage: String?
    /// The last log record: the metrics of the final (or the diverged) generator.
    public var final: GANLogRecord
    public var trainingSeconds: Double
    /// Training seconds per step (evaluations excluded).
    public var secondsPerStep: Double?
    public var threads: Int

    public init(_ result: GANRunResult, threads: Int) {
        config = result.config; fate = result.fate; fateStep = result.fateStep; fateMessage = result.fateMessage
        final = result.final; trainingSeconds = result.trainingSeconds; self.threads = threads
        let steps = result.fateStep.map { $0 - 1 } ?? result.config.steps
        secondsPerStep = steps > 0 ? result.trainingSeconds / Double(steps) : nil
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case config, fate
        case fateStep = "fate_step"
        case fateMessage = "fate_message"
        case final
        case trainingSeconds = "training_seconds"
        case secondsPerStep = "seconds_per_step"
        case threads
    }
}
