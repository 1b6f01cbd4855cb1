import ArgumentParser
import Backend
import EEG
import Experiment
import NN
import Neuron

// The library's option types, parsed once here at the command-line boundary. Types with a
// `parsing:` initialiser are read with `transform:` in the commands so that a bad value gets the
// library's message (what is wrong and the accepted forms); the conformances serve other tools.

extension ComputePrecision: ExpressibleByArgument {}

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
