import Foundation
import NN
import Neuron

/// What is trained and how: the network, its neuron, loss, optimizer, length and seed. Shared by
/// `ExperimentOptions` and `TrainOptions`.
public struct TrainingOptions: Sendable, Equatable {
    public var model = ModelSpec.seedCNN
    /// nil: the default for the data's classes (`DataOptions.lossToUse`).
    public var loss: LossSpec?
    public var optimizer = OptimizerSpec.adam(learningRate: 0.0002)
    /// The L2 penalty `lambda * a^2` on the neuron's scale.
    public var lambda = 0.1
    public var neuronInit = NeuronInit.uniform
    /// The augmented network also gets neurons on every hidden layer's output (fully connected models only).
    public var neuronPerLayer = false
    /// Z-score the inputs with the training set's mean and standard deviation.
    public var standardize = false
    /// Initial weights (.weights.h5, .keras or .npz) instead of seeded draws: a file with the base
    /// network's weights only sets the base, and the augmented network draws its neuron as usual.
    public var initWeights: URL?
    /// False: batches in file order every epoch (Keras `fit(shuffle=False)`).
    public var shuffle = true
    public var epochs = 400
    public var batchSize = 128
    /// Seed of the weights, the shuffles and the random split (an experiment's run r uses `seed + r`).
    public var seed: UInt64 = 1

    public init() {}
}

extension DataOptions {
    /// The loss used: `training.loss`, or the default for the target: the seed's `phinge:3` for two
    /// classes, softmax cross-entropy from logits for the subject and session targets.
    public func lossToUse(_ training: TrainingOptions) -> LossSpec {
        training.loss ?? (target.classCount > 2 ? .softmaxCrossEntropy(fromLogits: true, sparse: false) : .polynomialHinge(power: 3))
    }
}
