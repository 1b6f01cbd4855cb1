/// config.json: every choice of an experiment that changes its results, typed, one key per line
/// after `"schema_version": ResultsSchema.version`. Optional keys are written only when they
/// differ from the option's default (nil: the default). A rerun into the same folder must have
/// an equal config, except that `runs` may grow. The report shows it in this key order.
public struct ExperimentConfig: Equatable, Sendable, SchemaVersioned {
    public static let schemaVersion = ResultsSchema.version

    /// "eeg:FOLDER" (the folder's name) or the .npz file's name.
    public var data: String
    /// The EEG image layout ("sessions" or another `EEGLayout`), for EEG data only.
    public var layout: String?
    /// The EEG target when not the seed's binary task.
    public var target: String?
    /// Classes the loss sees, for a multi-class loss only.
    public var classes: Int?
    /// Left-out EEG sessions, comma-separated (e.g. "ML106_US").
    public var excludeSessions: String?
    public var split: String
    public var runs: Int
    public var epochs: Int
    /// The model spec (e.g. "cnn", "mlp:8,4").
    public var model: String
    /// The loss spec (e.g. "bce", "phinge:3").
    public var loss: String
    public var optimizer: String
    public var batchSize: Int
    public var lambda: Double
    public var neuronInit: String
    public var standardize: Bool
    /// Run r trains with seed `seed + r`.
    public var seed: UInt64
    public var checkpointEvery: Int
    public var earlyStoppingPatience: Int
    /// The ISA cap of portable mode ("avx2").
    public var portable: String?
    /// The convolution precision when not fp32.
    public var precision: String?
    /// "direct" or "winograd" (never "auto": the algorithm the results were made with).
    public var convAlgorithm: String
    public var validationFraction: Double?
    /// Initial weights: "FILE sha1:HEX".
    public var initWeights: String?
    /// false when the batches were not shuffled.
    public var shuffle: Bool?
    /// true when every layer had its own neuron.
    public var neuronPerLayer: Bool?
    /// Stuck epochs in a row after which a training stopped.
    public var stopStuck: Int?

    public init(
        data: String, split: String, runs: Int, epochs: Int, model: String, loss: String, optimizer: String, batchSize: Int,
        lambda: Double, neuronInit: String, standardize: Bool, seed: UInt64, checkpointEvery: Int, earlyStoppingPatience: Int,
        convAlgorithm: String
    ) {
        self.data = data; self.split = split; self.runs = runs; self.epochs = epochs; self.model = model; self.loss = loss
        self.optimizer = optimizer; self.batchSize = batchSize; self.lambda = lambda; self.neuronInit = neuronInit
        self.standardize = standardize; self.seed = seed; self.checkpointEvery = checkpointEvery
        self.earlyStoppingPatience = earlyStoppingPatience; self.convAlgorithm = convAlgorithm
    }

    enum CodingKeys: String, CodingKey {
        case data, layout, target, classes, excludeSessions = "exclude_sessions", split, runs, epochs, model, loss, optimizer
        case batchSize = "batch_size", lambda, neuronInit = "neuron_init", standardize, seed, checkpointEvery = "checkpoint_every"
        case earlyStoppingPatience = "early_stopping_patience", portable, precision, convAlgorithm = "conv_algorithm"
        case validationFraction = "validation_fraction", initWeights = "init_weights", shuffle, neuronPerLayer = "neuron_per_layer"
        case stopStuck = "stop_stuck"
    }

    /// The settings in file order as text (strings unquoted), without the schema version: the report's table.
    public var settings: [(key: String, value: String)] {
        guard case .object(let object)? = try? JSONValueEncoder.value(of: self) else { return [] }
        return object.entries.map { ($0.key, $0.value.displayText) }
    }

    /// config.json's text.
    public func text() throws -> String { try JSON.encode(self, layout: .membersOnLines) }
}
