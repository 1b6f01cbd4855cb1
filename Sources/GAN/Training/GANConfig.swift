import Diagnostics
import Neuron

/// The two arms of a pair: the plain GAN, and the one whose discriminator has the exponential neuron.
public enum GANArm: String, Sendable, Codable, CaseIterable {
    case plain
    case augmented
}

/// What the discriminator's exponential neuron reads.
public enum NeuronInput: String, Sendable, Codable, CaseIterable {
    /// The data point x itself: D(x) = D0(x) + a exp(w . x + b), the theorems' setting (the neuron on the network's input).
    case data
    /// D's last hidden layer h(x): D(x) = D0(x) + a exp(w . h(x) + b), a variant outside the theorems.
    case hidden
}

/// One GAN run: PacGAN's 2D setting (Lin et al. 2018) unless changed. Validated by `validate()`.
public struct GANConfig: Sendable, Codable, Equatable {
    public var task: MixtureTask
    public var arm: GANArm
    public var neuronInput: NeuronInput = .data
    /// The L2 penalty lambda * a^2 on the neuron's scale.
    public var lambda = 0.1
    public var neuronInit: NeuronInit = .uniform
    public var seed: UInt64
    /// Training steps; each takes one batch of real points and one of z, and updates D then G.
    public var steps: Int
    /// Metrics and the neuron's values are logged at step 0, every `logEvery` steps, and at the end.
    public var logEvery = 1000
    public var batchSize = 100
    /// Size of the fixed training set.
    public var trainingSetSize = 100_000
    /// Generated points the metrics are measured on.
    public var evaluationSamples = 2500
    public var learningRate = 1e-4
    public var beta1 = 0.8
    public var beta2 = 0.999
    /// TensorFlow's and PyTorch's Adam epsilon (PacGAN's code runs on TensorFlow).
    public var epsilon = 1e-8

    enum CodingKeys: String, CodingKey {
        case task, arm, lambda, seed, steps, epsilon
        case neuronInput = "neuron_input"
        case neuronInit = "neuron_init"
        case logEvery = "log_every"
        case batchSize = "batch_size"
        case trainingSetSize = "training_set_size"
        case evaluationSamples = "evaluation_samples"
        case learningRate = "learning_rate"
        case beta1, beta2
    }

    public init(task: MixtureTask, arm: GANArm, seed: UInt64, steps: Int) {
        self.task = task; self.arm = arm; self.seed = seed; self.steps = steps
    }

    /// Throws a `SettingError` naming the first bad value.
    public func validate() throws {
        func require(_ ok: Bool, _ setting: Setting, _ value: String, _ allowed: Message) throws {
            if !ok { throw SettingError.valueOutOfRange(setting, value: value, allowed: allowed) }
        }
        try require(steps >= 0, .steps, "\(steps)", ">= 0")
        try require(logEvery >= 1, .logEvery, "\(logEvery)", ">= 1")
        try require(batchSize >= 2, .batchSize, "\(batchSize)", ">= 2 (batch normalisation needs two samples)")
        try require(trainingSetSize >= batchSize, .trainingSetSize, "\(trainingSetSize)", "at least one batch (\(batchSize))")
        try require(evaluationSamples >= 1, .evaluationSamples, "\(evaluationSamples)", ">= 1 (the metrics need a generated point)")
        try require(lambda >= 0 && lambda.isFinite, .lambda, "\(lambda)", "a finite number >= 0 (the L2 penalty on the neuron's scale)")
        try require(learningRate > 0 && learningRate.isFinite, .learningRate, "\(learningRate)", "a finite number > 0")
        try require((0..<1).contains(beta1) && (0..<1).contains(beta2), .adamBetas, "\(beta1) and \(beta2)", "in [0, 1)")
    }
}

/// Errors of a GAN run or study that are not about one setting (those are `SettingError`s).
public enum GANError: SettingsDescribed {
    /// The output folder cannot be created.
    case cannotCreateFolder(path: String, reason: String)
    /// A finished run's result.json or log.jsonl cannot be read.
    case unreadableRun(folder: String, reason: String)
    /// A study folder without any finished run.
    case noFinishedRuns(folder: String)
    /// A discriminator network that does not output one value per sample or does not compute its input gradient.
    case discriminatorShape(outputs: Int, computesInputGradient: Bool)
    /// A neuron on D's last hidden layer, but D has no hidden layer.
    case noHiddenLayer
    /// An arm's checkpoint was written by a run with other settings (each difference as "name: there, here").
    case checkpointMismatch(file: String, differences: [String])
    /// An arm's checkpoint (or the log it continues) cannot be read or does not fit the run.
    case unreadableCheckpoint(file: String, reason: String)
    /// A run stopped by `stopAfter` (a test's stand-in for a killed run).
    case stopped(step: Int)

    public var message: Message {
        switch self {
        case .cannotCreateFolder(let path, let reason):
            return "cannot create the output folder \(path) (\(reason)); choose a writable \(.out)"
        case .unreadableRun(let folder, let reason):
            return "\(folder): cannot read its result.json or log.jsonl (\(reason)); remove the folder to run it again"
        case .noFinishedRuns(let folder):
            return "\(folder) holds no finished GAN run (seed-*/<arm>/result.json)"
        case .discriminatorShape(let outputs, let gradient):
            return "a discriminator needs one output per sample (this one has \(outputs)) and its input gradient (computesInputGradient is \(gradient))"
        case .noHiddenLayer:
            return "a neuron on the last hidden layer needs a discriminator with a hidden layer; put it on the data point (\(.neuronInput) data)"
        case .checkpointMismatch(let file, let differences):
            return
                "\(file) is the checkpoint of a run with other settings (\(differences.joined(separator: "; "))); rerun with the old settings to resume it, or choose another \(.out) (deleting the checkpoint starts that arm again from step 0)"
        case .unreadableCheckpoint(let file, let reason):
            return "cannot resume from \(file): \(reason); delete it to start that arm again from step 0, or choose another \(.out)"
        case .stopped(let step):
            return "the run was stopped after step \(step) (stopAfter)"
        }
    }
}
