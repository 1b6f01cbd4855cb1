/// One line of `runs.jsonl`: the summary of one finished training. Keys in file order: schema_version, run,
/// seed, arm, status, diverged_epoch, cause, epochs, best_val_accuracy, best_epoch, final_a,
/// identity_residual_max, diverging_flag, early_stopping {scale_rule, val_loss_rule}; nil is null.
public struct RunRecord: Equatable, Sendable, JSONLinesRecord {
    public var run: Int
    public var seed: UInt64
    public var arm: Arm
    public var status: RunStatus
    public var divergedEpoch: Int?
    public var cause: String?
    /// Epochs completed.
    public var epochs: Int
    public var bestValAccuracy: Double?
    /// 1-based epoch of the best validation accuracy.
    public var bestEpoch: Int?
    public var finalA: Double?
    public var identityResidualMax: Double?
    public var divergingFlag: Bool
    /// Where the scale-driven rule would have stopped.
    public var scaleRule: EarlyStoppingPoint?
    /// Where plain validation-loss early stopping would have stopped.
    public var valLossRule: EarlyStoppingPoint?
    /// For a stuck training: the first epoch of the stuck streak that lasted to the end, the layer
    /// below which no gradient got through, and "model" or "base" (only the augmented model's base
    /// network stuck; its neuron still learned). Written only for status "stuck".
    public var stuckSince: Int?
    public var stuckLayer: String?
    public var stuckPart: String?

    /// The record of a finished training, with its outcome; the summary values start nil (false).
    public init(run: Int, seed: UInt64, arm: Arm, outcome: TrainingOutcome) {
        self.run = run
        self.seed = seed
        self.arm = arm
        status = outcome.status
        divergedEpoch = outcome.divergedEpoch
        cause = outcome.cause
        epochs = outcome.epochs
        divergingFlag = false
    }

    public static let schemaVersion = ResultsSchema.version
    public static let expectedKeys =
        "\"run\", \"seed\", \"arm\" (\"plain\" or \"augmented\"), \"status\" (\"completed\", \"stuck\" or \"diverged\"), \"epochs\", \"diverging_flag\" and \"early_stopping\""

    enum CodingKeys: String, CodingKey {
        case run, seed, arm, status, divergedEpoch = "diverged_epoch", cause, epochs, bestValAccuracy = "best_val_accuracy"
        case bestEpoch = "best_epoch", finalA = "final_a", identityResidualMax = "identity_residual_max"
        case divergingFlag = "diverging_flag", earlyStopping = "early_stopping"
        case stuckSince = "stuck_since", stuckLayer = "stuck_layer", stuckPart = "stuck_part"
    }

    enum EarlyStoppingKeys: String, CodingKey { case scaleRule = "scale_rule", valLossRule = "val_loss_rule" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        run = try c.decode(Int.self, forKey: .run)
        seed = try c.decode(UInt64.self, forKey: .seed)
        arm = try c.decode(Arm.self, forKey: .arm)
        status = try c.decode(RunStatus.self, forKey: .status)
        divergedEpoch = try c.decodeIfPresent(Int.self, forKey: .divergedEpoch)
        cause = try c.decodeIfPresent(String.self, forKey: .cause)
        epochs = try c.decode(Int.self, forKey: .epochs)
        bestValAccuracy = try c.finiteDouble(forKey: .bestValAccuracy)
        bestEpoch = try c.decodeIfPresent(Int.self, forKey: .bestEpoch)
        finalA = try c.finiteDouble(forKey: .finalA)
        identityResidualMax = try c.finiteDouble(forKey: .identityResidualMax)
        divergingFlag = try c.decode(Bool.self, forKey: .divergingFlag)
        stuckSince = try c.decodeIfPresent(Int.self, forKey: .stuckSince)
        stuckLayer = try c.decodeIfPresent(String.self, forKey: .stuckLayer)
        stuckPart = try c.decodeIfPresent(String.self, forKey: .stuckPart)
        let early = try c.nestedContainer(keyedBy: EarlyStoppingKeys.self, forKey: .earlyStopping)
        scaleRule = try early.decode(EarlyStoppingPoint?.self, forKey: .scaleRule)
        valLossRule = try early.decode(EarlyStoppingPoint?.self, forKey: .valLossRule)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run, forKey: .run)
        try c.encode(seed, forKey: .seed)
        try c.encode(arm, forKey: .arm)
        try c.encode(status, forKey: .status)
        try c.encodeOrNull(divergedEpoch, forKey: .divergedEpoch)
        try c.encodeOrNull(cause, forKey: .cause)
        if status == .stuck {
            try c.encodeIfPresent(stuckSince, forKey: .stuckSince)
            try c.encodeIfPresent(stuckLayer, forKey: .stuckLayer)
            try c.encodeIfPresent(stuckPart, forKey: .stuckPart)
        }
        try c.encode(epochs, forKey: .epochs)
        try c.encodeOrNull(bestValAccuracy, forKey: .bestValAccuracy)
        try c.encodeOrNull(bestEpoch, forKey: .bestEpoch)
        try c.encodeOrNull(finalA, forKey: .finalA)
        try c.encodeOrNull(identityResidualMax, forKey: .identityResidualMax)
        try c.encode(divergingFlag, forKey: .divergingFlag)
        var early = c.nestedContainer(keyedBy: EarlyStoppingKeys.self, forKey: .earlyStopping)
        try early.encodeOrNull(scaleRule, forKey: .scaleRule)
        try early.encodeOrNull(valLossRule, forKey: .valLossRule)
    }
}
