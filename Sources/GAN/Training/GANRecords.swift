/// Version of the GAN results files (log.jsonl records and result.json); raised when a field changes meaning.
public let ganSchemaVersion = 1

/// How a run ended: every run's fate is counted, none is dropped.
public enum GANFate: String, Sendable, Codable, CaseIterable {
    /// All steps ran.
    case completed
    /// The neuron's exponent passed float32's exp range, or its gradient overflowed.
    case overflow
    /// A loss became NaN or infinite.
    case nonFinite = "non-finite"
}

/// The neuron's values at a log step (drift shows as a -> 0 while b grows).
public struct NeuronValues: Sendable, Codable, Equatable {
    public var a: Double
    public var b: Double
    public var wNorm: Double
    /// Largest exponent w . u + b met since the previous log step (nil before any step).
    public var largestExponent: Double?
    /// Whether the records so far end in the drift `DivergenceDetector` looks for (its window counted in
    /// records, `GANTrainer.driftWindow`): |a| falling while b rises, or |(w, b)| growing.
    public var drifting = false

    enum CodingKeys: String, CodingKey {
        case a, b, drifting
        case wNorm = "w_norm"
        case largestExponent = "largest_exponent"
    }
}

/// One line of a run's log.jsonl: the metrics of 2,500 generated points and the neuron's values at a step.
public struct GANLogRecord: Sendable, Codable, Equatable {
    public var schemaVersion = ganSchemaVersion
    public var arm: GANArm
    public var step: Int
    /// The losses of the step's D and G updates (nil at step 0, or when not finite).
    public var dLoss: Double?
    public var gLoss: Double?
    public var modesCaptured: Int
    public var highQualityPercent: Double
    public var reverseKL: Double?
    public var histogram: [Int]
    /// Generated points that were not finite.
    public var nonFinitePoints: Int
    /// The augmented arm's neuron (nil in the plain arm).
    public var neuron: NeuronValues?

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case arm, step
        case dLoss = "d_loss"
        case gLoss = "g_loss"
        case modesCaptured = "modes_captured"
        case highQualityPercent = "high_quality_percent"
        case reverseKL = "reverse_kl"
        case histogram
        case nonFinitePoints = "non_finite_points"
        case neuron
    }
}

/// What one run gives: its fate, its log, and the final generated points.
public struct GANRunResult: Sendable {
    public var config: GANConfig
    public var fate: GANFate
    /// The step at which the run diverged (nil when completed).
    public var fateStep: Int?
    /// Why it diverged.
    public var fateMessage: String?
    public var log: [GANLogRecord]
    /// The last evaluation's points, row-major [evaluationSamples, 2].
    public var samples: [Float]
    /// Wall-clock seconds of the training steps (evaluations excluded).
    public var trainingSeconds: Double

    /// The last log record (the run's final metrics).
    public var final: GANLogRecord { log[log.count - 1] }
}
