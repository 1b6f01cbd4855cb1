import ArgumentParser
import Experiment
import Foundation
import NN

/// `one-neuron predict`: the network's outputs for given weights (e.g. to compare with Keras' `model.predict`).
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Run the network with given weights (.weights.h5, .keras or .npz) on an .npz's inputs; writes the outputs as .npy.")

    @Option(help: "Weights: a Keras 3 .weights.h5 or .keras file, or a OneNeuron .npz (e.g. a train output).") var weights: String
    @Option(help: "An .npz holding the inputs.") var data: String
    @Option(help: "The inputs' array in --data.") var key = "x"
    @Option(help: "Output .npy: one float32 output per sample (N,), or (N, K) for K classes.") var out: String
    @Option(help: "Model: cnn or mlp:H1,H2,... (default: cnn)", transform: inFlagTerms(ModelSpec.init(parsing:))) var model: ModelSpec = .seedCNN
    @Flag(help: "The network with the exponential neuron (the weights must include it).") var augmented = false
    @Option(
        help: "The training loss; picks the head (tanh for ±1 losses, sigmoid for bce, K logits for cce). Default: phinge:3.",
        transform: inFlagTerms(LossSpec.init(parsing:)))
    var loss: LossSpec = .polynomialHinge(power: 3)
    @Option(
        parsing: .unconditional, help: "Classes of a multi-class model (--loss cce, mphinge:P): its number of outputs (default: read from the weights file).")
    var classes: Int?

    func run() throws {
        var o = PredictOptions(weights: URL(fileURLWithPath: weights), data: URL(fileURLWithPath: data), out: URL(fileURLWithPath: out))
        o.key = key; o.model = model; o.augmented = augmented; o.loss = loss; o.classes = classes
        let outputs = try runPredictJob(o)
        let k = outputs.perSample, n = outputs.values.count / max(k, 1)
        print(k == 1 ? "wrote \(n) outputs to \(out)" : "wrote \(n) x \(k) outputs to \(out)")
    }
}
