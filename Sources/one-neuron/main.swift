import ArgumentParser

/// `one-neuron`: does adding one exponential neuron help a real network?
struct OneNeuronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "one-neuron",
        abstract: "Train networks with and without one exponential neuron, compare them honestly, and report.",
        subcommands: [ExperimentCommand.self, ReportCommand.self, MergeCommand.self, TrainCommand.self, PredictCommand.self,
                      EEGCommand.self, StatsCommand.self, BenchCommand.self, LabCommand.self, GANCommand.self])
}

OneNeuronCommand.main()
