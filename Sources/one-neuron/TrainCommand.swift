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
        abstract:
            "One training of the seed CNN (or an MLP) on EEG or .npz data, optionally with the exponential neuron: an experiment's arm, run once; writes history.csv, history.json, weights.npz, weights.weights.h5 and model.keras (Keras 3)."
    )

    @Flag(help: "Add the exponential neuron a*exp(w.x+b) to the network's output (the experiment's augmented arm).") var augmented = false
    @OptionGroup(title: "Data") var data: DataArguments
    @OptionGroup(title: "Training") var training: TrainingArguments
    @OptionGroup(title: "Compute") var compute: ComputeArguments
    @OptionGroup(title: "Output") var output: OutputArguments

    func run() throws {
        var o = TrainOptions(try data.options(), out: URL(fileURLWithPath: output.out))
        o.training = training.options; o.compute = try compute.options()
        noteIfBF16IsSlowerHere(o.compute.precision)
        o.augmented = augmented; o.quiet = output.quiet
        let result = try runTrainJob(o)
        for file in result.files { print("wrote \(file.path)") }
        if let warning = result.warning { print("warning: \(warning)") }
    }
}
