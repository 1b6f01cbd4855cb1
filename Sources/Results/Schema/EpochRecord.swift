/// One line of `epochs.jsonl`: the metrics of one epoch of one training. Non-finite values are
/// nil (null in the file). Keys, in file order: run, seed, arm, epoch, loss, accuracy, val_loss,
/// val_accuracy, stuck_below and stuck_part (in a stuck epoch only), dead_units (when recorded), then
/// for the augmented arm only a, b, w_norm, neuron_max, f0_loss, f0_accuracy, identity_residual and diverging,
/// and, with one neuron per output of a k-output model, `neurons` (one `NeuronEpochValues` per
/// output; the single-valued keys then describe the neuron with the largest |a_k|). Seconds live in `timings.jsonl` (`EpochTiming`) so that
/// results are identical between a resumed run and an uninterrupted one. Each line starts with
/// `"schema_version": ResultsSchema.version`.
public struct EpochRecord: Equatable, Sendable, JSONLinesRecord {
    public var run: Int
    public var seed: UInt64
    public var arm: Arm
    /// 1-based.
    public var epoch: Int
    public var loss: Double?
    public var accuracy: Double?
    public var valLoss: Double?
    public var valAccuracy: Double?
    // Augmented arm only.
    public var a: Double?
    public var b: Double?
    public var wNorm: Double?
    public var neuronMax: Double?
    public var f0Loss: Double?
    public var f0Accuracy: Double?
    public var identityResidual: Double?
    /// The divergence detector's flag (written as false when nil).
    public var diverging: Bool?
    /// Each neuron's values, for k > 1 neurons (one per output unit); nil for one neuron.
    public var neurons: [NeuronEpochValues]?
    /// Set when the epoch was stuck: no gradient reached below this layer in any batch (written only then).
    public var stuckBelow: String?
    /// With `stuckBelow`: "model" when nothing in the model learned, "base" when only the augmented
    /// model's base network is stuck and its neuron still learns.
    public var stuckPart: String?
    /// Per ReLU layer, in layer order: units that were zero for every training sample of the epoch
    /// (nil when a line has no `dead_units`, as for models without ReLU layers).
    public var deadUnits: [DeadUnitCount]?

    /// A record with every metric nil; set the ones the epoch measured.
    public init(run: Int, seed: UInt64, arm: Arm, epoch: Int) {
        self.run = run
        self.seed = seed
        self.arm = arm
        self.epoch = epoch
    }

    public static let schemaVersion = ResultsSchema.version
    public static let expectedKeys =
        "\"run\", \"seed\", \"arm\" (\"plain\" or \"augmented\"), \"epoch\" (1-based), and numbers or null for \"loss\", \"accuracy\", \"val_loss\" and \"val_accuracy\""

    enum CodingKeys: String, CodingKey {
        case run, seed, arm, epoch, loss, accuracy, valLoss = "val_loss", valAccuracy = "val_accuracy"
        case a, b, wNorm = "w_norm", neuronMax = "neuron_max", f0Loss = "f0_loss", f0Accuracy = "f0_accuracy"
        case identityResidual = "identity_residual", diverging, stuckBelow = "stuck_below", stuckPart = "stuck_part"
        case deadUnits = "dead_units", neurons
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        run = try c.decode(Int.self, forKey: .run)
        seed = try c.decode(UInt64.self, forKey: .seed)
        arm = try c.decode(Arm.self, forKey: .arm)
        epoch = try c.decode(Int.self, forKey: .epoch)
        guard epoch >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .epoch, in: c, debugDescription: "must be 1 or more (epochs are 1-based), found \(epoch)")
        }
        loss = try c.requiredFiniteDouble(forKey: .loss)
        accuracy = try c.requiredFiniteDouble(forKey: .accuracy)
        valLoss = try c.requiredFiniteDouble(forKey: .valLoss)
        valAccuracy = try c.requiredFiniteDouble(forKey: .valAccuracy)
        a = try c.finiteDouble(forKey: .a)
        b = try c.finiteDouble(forKey: .b)
        wNorm = try c.finiteDouble(forKey: .wNorm)
        neuronMax = try c.finiteDouble(forKey: .neuronMax)
        f0Loss = try c.finiteDouble(forKey: .f0Loss)
        f0Accuracy = try c.finiteDouble(forKey: .f0Accuracy)
        identityResidual = try c.finiteDouble(forKey: .identityResidual)
        diverging = try c.decodeIfPresent(Bool.self, forKey: .diverging)
        stuckBelow = try c.decodeIfPresent(String.self, forKey: .stuckBelow)
        stuckPart = try c.decodeIfPresent(String.self, forKey: .stuckPart)
        deadUnits = try c.decodeIfPresent([DeadUnitCount].self, forKey: .deadUnits)
        neurons = try c.decodeIfPresent([NeuronEpochValues].self, forKey: .neurons)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run, forKey: .run)
        try c.encode(seed, forKey: .seed)
        try c.encode(arm, forKey: .arm)
        try c.encode(epoch, forKey: .epoch)
        try c.encodeOrNull(loss, forKey: .loss)
        try c.encodeOrNull(accuracy, forKey: .accuracy)
        try c.encodeOrNull(valLoss, forKey: .valLoss)
        try c.encodeOrNull(valAccuracy, forKey: .valAccuracy)
        if let stuckBelow {
            try c.encode(stuckBelow, forKey: .stuckBelow)
            try c.encodeIfPresent(stuckPart, forKey: .stuckPart)
        }
        if let deadUnits, !deadUnits.isEmpty { try c.encode(deadUnits, forKey: .deadUnits) }
        guard arm == .augmented else { return }
        try c.encodeOrNull(a, forKey: .a)
        try c.encodeOrNull(b, forKey: .b)
        try c.encodeOrNull(wNorm, forKey: .wNorm)
        try c.encodeOrNull(neuronMax, forKey: .neuronMax)
        try c.encodeOrNull(f0Loss, forKey: .f0Loss)
        try c.encodeOrNull(f0Accuracy, forKey: .f0Accuracy)
        try c.encodeOrNull(identityResidual, forKey: .identityResidual)
        try c.encode(diverging ?? false, forKey: .diverging)
        if let neurons, !neurons.isEmpty { try c.encode(neurons, forKey: .neurons) }
    }
}

extension Array where Element == EpochRecord {
    /// The stuck epochs at the end of one training's records (each with `stuckBelow`), in reverse order:
    /// its count is the streak so far, its last element the epoch the streak began.
    public var trailingStuckStreak: ArraySlice<EpochRecord> {
        ArraySlice(reversed().prefix { $0.stuckBelow != nil })
    }
}
