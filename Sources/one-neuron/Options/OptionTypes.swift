import ArgumentParser
import Backend
import Foundation
import EEG
import Experiment
import NN
import Neuron

// The library's option types, parsed once here at the command-line boundary. Types with a
// `parsing:` initialiser are read with `transform:` in the commands so that a bad value gets the
// library's message (what is wrong and the accepted forms); the conformances serve other tools.

extension ComputePrecision: ExpressibleByArgument {}
extension ConvolutionAlgorithm: ExpressibleByArgument {}

extension ModelSpec: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension LossSpec: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension OptimizerSpec: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension ExperimentSplit: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension NeuronInit: ExpressibleByArgument {}
extension EEGImageLayout: ExpressibleByArgument {}
extension EEGTarget: ExpressibleByArgument {}

/// A `--init-weights` file: an existing .weights.h5, .keras or .npz.
struct InitialWeightsFile: Sendable {
    let url: URL

    init(parsing text: String) throws {
        let url = URL(fileURLWithPath: text)
        guard ["h5", "keras", "npz"].contains(url.pathExtension.lowercased()) else {
            throw ValidationError("--init-weights '\(text)': give a Keras 3 .weights.h5 or .keras file, or a OneNeuron .npz")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("--init-weights '\(text)': no such file")
        }
        self.url = url
    }
}
