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

    /// Throws `GANError.invalidOption` naming the first bad value.
    public func validate() throws {
        func require(_ ok: Bool, _ message: String) throws { if !ok { throw GANError.invalidOption(message) } }
        try require(steps >= 0, "--steps must be >= 0, got \(steps)")
        try require(logEvery >= 1, "--log-every must be >= 1, got \(logEvery)")
        try require(batchSize >= 2, "the batch size must be >= 2 (batch normalisation needs two samples), got \(batchSize)")
        try require(trainingSetSize >= batchSize, "the training set (\(trainingSetSize)) must hold at least one batch (\(batchSize))")
        try require(evaluationSamples >= 1, "the metrics need at least one generated point, got \(evaluationSamples)")
        try require(lambda >= 0 && lambda.isFinite, "--lambda must be a finite number >= 0 (the L2 penalty on the neuron's scale), got \(lambda)")
        try require(learningRate > 0 && learningRate.isFinite, "the learning rate must be > 0, got \(learningRate)")
        try require((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam's betas must lie in [0, 1), got \(beta1) and \(beta2)")
    }
}

/// Errors of `one-neuron gan`.
public enum GANError: Error, CustomStringConvertible {
    case invalidOption(String)

    public var description: String {
        switch self {
        case .invalidOption(let m): return m
        }
    }
}
