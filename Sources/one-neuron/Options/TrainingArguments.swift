import ArgumentParser
import Experiment
import NN
import Neuron

/// The network, neuron, loss, optimizer and length flags of `experiment` and `train`.
struct TrainingArguments: ParsableArguments {
    @Option(help: "Model: cnn (the seed CNN) or mlp:H1,H2,... (default: cnn)", transform: inFlagTerms(ModelSpec.init(parsing:))) var model: ModelSpec = .seedCNN
    @Option(
        help:
            "Loss: phinge:P, hinge, squared_hinge, logistic, bce (two classes); cce, cce:probabilities, scce, scce:probabilities (softmax cross-entropy over K classes, from logits or probabilities) or mphinge:P (multi-class polynomial hinge) (default: phinge:3 for two classes, cce for the subject and session targets).",
        transform: inFlagTerms(LossSpec.init(parsing:)))
    var loss: LossSpec?
    @Option(help: "Optimizer: adam:LR, rmsprop:LR, sgd:LR[:MOMENTUM] (default: adam:0.0002).", transform: inFlagTerms(OptimizerSpec.init(parsing:)))
    var optimizer: OptimizerSpec = .adam(learningRate: 0.0002)
    @Option(parsing: .unconditional, help: "L2 penalty on the neuron's scale a (Keras convention lambda*a^2).") var lambda = 0.1
    @Option(help: "Neuron initialisation: uniform (Keras, as the seed), zero-w, scaled.") var neuronInit: NeuronInit = .uniform
    @Flag(help: "The augmented network gets neurons on every hidden layer's output too, one per output unit each (mlp models).") var neuronPerLayer = false
    @Flag(help: "Z-score the inputs with the training set's mean and standard deviation (the seed used raw images).") var standardize = false
    @Option(
        help: ArgumentHelp(
            "Initial weights: a Keras 3 .weights.h5 or .keras file, or a OneNeuron .npz (layers matched by name, else in order). A file without the neuron sets the base network and the augmented network draws its neuron from the seed. An experiment records it in config.json with the file's SHA-1.",
            valueName: "file"),
        transform: inFlagTerms(InitialWeightsFile.init(parsing:))) var initWeights: InitialWeightsFile?
    @Flag(help: "Batches in file order every epoch (Keras fit(shuffle=False)).") var noShuffle = false
    @Option(parsing: .unconditional, help: "Epochs per training.") var epochs = 400
    @Option(parsing: .unconditional, help: "Batch size.") var batchSize = 128
    @Option(parsing: .unconditional, help: "Seed of the weights, shuffles and random split; an experiment's run r uses SEED + r.") var seed: UInt64 = 1

    /// The library's training options.
    var options: TrainingOptions {
        var t = TrainingOptions()
        t.model = model; t.loss = loss; t.optimizer = optimizer; t.lambda = lambda; t.neuronInit = neuronInit
        t.neuronPerLayer = neuronPerLayer; t.standardize = standardize; t.initWeights = initWeights?.url; t.shuffle = !noShuffle
        t.epochs = epochs; t.batchSize = batchSize; t.seed = seed
        return t
    }
}
