import ArgumentParser
import EEG
import Experiment
import NN
import Neuron

// The library's option types, parsed once here at the command-line boundary. Types with a
// `parsing:` initialiser are read with `transform:` in the commands so that a bad value gets the
// library's message (what is wrong and the accepted forms); the conformances serve other tools.

extension ModelSpec: @retroactive ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension LossSpec: @retroactive ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension OptimizerSpec: @retroactive ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension ExperimentSplit: @retroactive ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension NeuronInit: @retroactive ExpressibleByArgument {}
extension EEGImageLayout: @retroactive ExpressibleByArgument {}
