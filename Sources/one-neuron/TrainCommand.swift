import ArgumentParser
import Backend
import Experiment
import Foundation
import NN
import Neuron

/// `one-neuron train`: one training of the plain or augmented network on an .npz file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the seed CNN (or an MLP), optionally with the exponential neuron; writes history.csv, history.json, weights.npz, weights.weights.h5 and model.keras (Keras 3).")

    @Option(help: "An .npz with x (N, ...) and y (N,) in {-1,+1} or {0,1} (class indices 0..K-1 or one-hot (N, K) for --loss cce); optionally x_val, y_val.") var data: String
    @Option(help: "Output folder.") var out: String
    @Flag(help: "Add the exponential neuron a*exp(w.x+b) to the network's output.") var augmented = false
    @Option(help: "L2 penalty on the neuron's scale a (Keras convention lambda*a^2).") var lambda = 0.1
    @Option(help: "Neuron initialisation: uniform (Keras, as the seed), zero-w, scaled.") var neuronInit: NeuronInit = .uniform
    @Flag(help: "With --augmented: neurons on every hidden layer's output too, one per output unit each (mlp models).") var neuronPerLayer = false
    @Option(help: "Loss: phinge:P, hinge, squared_hinge, logistic, bce (two classes); cce, cce:probabilities, scce, scce:probabilities (softmax cross-entropy over K classes, from logits or probabilities) or mphinge:P (multi-class polynomial hinge); K comes from the labels (default: phinge:3).", transform: LossSpec.init(parsing:)) var loss: LossSpec = .polynomialHinge(power: 3)
    @Option(help: "Optimizer: adam:LR, rmsprop:LR, sgd:LR[:MOMENTUM] (default: adam:0.0002).", transform: OptimizerSpec.init(parsing:))
    var optimizer: OptimizerSpec = .adam(learningRate: 0.0002)
    @Option(help: "Model: cnn (the seed CNN) or mlp:H1,H2,... (default: cnn)", transform: ModelSpec.init(parsing:)) var model: ModelSpec = .seedCNN
    @Option(help: "Epochs.") var epochs = 400
    @Option(help: "Batch size.") var batchSize = 128
    @Option(help: "Seed of weights, shuffles and the validation split.") var seed: UInt64 = 1
    @Option(help: "Validation fraction when the file has no x_val/y_val.") var valFraction = 0.2
    @Flag(help: "Z-score the inputs with the training set's mean and standard deviation.") var standardize = false
    @Option(help: ArgumentHelp("Initial weights: a Keras 3 .weights.h5 or .keras file, or a OneNeuron .npz (layers matched by name, else in order). With --augmented, a file without the neuron sets the base network and the neuron is drawn from --seed.", valueName: "file"),
            transform: InitialWeightsFile.init(parsing:)) var initWeights: InitialWeightsFile?
    @Flag(help: "Batches in file order every epoch (Keras fit(shuffle=False)).") var noShuffle = false
    @Option(help: "Compute threads (results do not depend on it); 0: every core.") var threads = 0
    @Flag(help: "Portable results: cap oneDNN at AVX2 so every x86-64 CPU gives the same bits.") var portable = false
    @Option(help: "Convolution precision: fp32, or bf16 (bfloat16 multiplies, float32 accumulation and weights; needs AVX512_BF16).")
    var precision: ComputePrecision = .fp32
    @Option(help: "Convolution algorithm: auto (default: winograd where oneDNN has it, i.e. AVX-512 CPUs with fp32, else direct), direct (as Keras), or winograd (fewer multiplies for the 3x3 convolutions with 16+ input channels, about twice the rounding; needs AVX-512 and fp32).")
    var convAlgorithm: ConvolutionAlgorithm = .auto
    @Flag(help: "No progress output.") var quiet = false

    func run() throws {
        if portable { try CPUISA.enterPortableMode() }
        var o = TrainOptions(data: URL(fileURLWithPath: data), out: URL(fileURLWithPath: out))
        o.augmented = augmented; o.lambda = lambda; o.neuronInit = neuronInit; o.neuronPerLayer = neuronPerLayer; o.loss = loss
        o.optimizer = optimizer; o.model = model; o.epochs = epochs; o.batchSize = batchSize; o.seed = seed
        o.validationFraction = valFraction; o.standardize = standardize; o.threads = threads; o.quiet = quiet
        o.precision = precision; o.convolutionAlgorithm = convAlgorithm
        o.initWeights = initWeights?.url; o.shuffle = !noShuffle
        let result = try runTrainJob(o)
        for file in result.files { print("wrote \(file.path)") }
        if let warning = result.warning { print("warning: \(warning)") }
    }
}
