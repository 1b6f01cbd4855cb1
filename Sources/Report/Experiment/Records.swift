/// The two arms of the paired experiment.
public enum Arm: String, CaseIterable, Sendable {
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

    /// The seed's colours: red with the neuron, blue without.
    public var color: PlotColor {
        self == .augmented ? .withNeuron : .withoutNeuron
    }
}

/// One line of `epochs.jsonl`: the metrics of one epoch of one training. Non-finite values are nil.
public struct EpochRecord: Equatable, Sendable {
    public var run: Int
    public var seed: Int
    public var arm: Arm
    /// 1-based.
    public var epoch: Int
    public var loss: Double?
    public var accuracy: Double?
    public var valLoss: Double?
    public var valAccuracy: Double?
    public var seconds: Double?
    // Augmented arm only.
    public var a: Double?
    public var b: Double?
    public var wNorm: Double?
    public var neuronMax: Double?
    public var f0Loss: Double?
    public var f0Accuracy: Double?
    public var identityResidual: Double?
    public var diverging: Bool?
}

/// Whether a training finished normally.
public enum RunStatus: String, Sendable {
    case completed
    case diverged
}

/// Where an early-stopping rule would have stopped a training.
public struct EarlyStoppingPoint: Equatable, Sendable {
    public var epoch: Int?
    public var valAccuracy: Double?
}

/// One line of `runs.jsonl`: the summary of one finished training.
public struct RunRecord: Equatable, Sendable {
    public var run: Int
    public var seed: Int
    public var arm: Arm
    public var status: RunStatus
    public var divergedEpoch: Int?
    public var cause: String?
    public var epochs: Int
    public var bestValAccuracy: Double?
    public var bestEpoch: Int?
    public var finalA: Double?
    public var identityResidualMax: Double?
    public var divergingFlag: Bool
    public var scaleRule: EarlyStoppingPoint?
    public var valLossRule: EarlyStoppingPoint?
}

extension EpochRecord {
    static let expectedKeys = "\"run\", \"seed\", \"arm\" (\"plain\" or \"augmented\"), \"epoch\" (1-based), and numbers or null for \"val_loss\" and \"val_accuracy\""

    init(_ fields: RecordFields) throws {
        run = try fields.int("run")
        seed = try fields.int("seed")
        arm = try fields.arm()
        epoch = try fields.int("epoch")
        guard epoch >= 1 else { throw fields.error("epoch", "must be 1 or more (epochs are 1-based), found \(epoch)") }
        loss = try fields.double("loss")
        accuracy = try fields.double("accuracy")
        valLoss = try fields.double("val_loss", required: true)
        valAccuracy = try fields.double("val_accuracy", required: true)
        seconds = try fields.double("seconds")
        a = try fields.double("a")
        b = try fields.double("b")
        wNorm = try fields.double("w_norm")
        neuronMax = try fields.double("neuron_max")
        f0Loss = try fields.double("f0_loss")
        f0Accuracy = try fields.double("f0_accuracy")
        identityResidual = try fields.double("identity_residual")
        diverging = try fields.bool("diverging")
    }
}

extension RunRecord {
    static let expectedKeys = "\"run\", \"seed\", \"arm\" (\"plain\" or \"augmented\"), \"status\" (\"completed\" or \"diverged\") and \"epochs\""

    init(_ fields: RecordFields) throws {
        run = try fields.int("run")
        seed = try fields.int("seed")
        arm = try fields.arm()
        let statusText = try fields.string("status", required: true)!
        guard let status = RunStatus(rawValue: statusText) else {
            throw fields.error("status", "must be \"completed\" or \"diverged\", found \"\(statusText)\"")
        }
        self.status = status
        divergedEpoch = try fields.optionalInt("diverged_epoch")
        cause = try fields.string("cause")
        epochs = try fields.int("epochs")
        bestValAccuracy = try fields.double("best_val_accuracy")
        bestEpoch = try fields.optionalInt("best_epoch")
        finalA = try fields.double("final_a")
        identityResidualMax = try fields.double("identity_residual_max")
        divergingFlag = try fields.bool("diverging_flag") ?? false
        if let early = try fields.object("early_stopping") {
            scaleRule = try early.object("scale_rule").map { EarlyStoppingPoint(epoch: try $0.optionalInt("epoch"), valAccuracy: try $0.double("val_accuracy")) }
            valLossRule = try early.object("val_loss_rule").map { EarlyStoppingPoint(epoch: try $0.optionalInt("epoch"), valAccuracy: try $0.double("val_accuracy")) }
        }
    }
}
