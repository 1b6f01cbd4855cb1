import ArgumentParser
import Diagnostics
import Foundation

/// `one-neuron`: does adding one exponential neuron help a real network?
struct OneNeuronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "one-neuron",
        abstract: "Train networks with and without one exponential neuron, compare them honestly, and report.",
        subcommands: [
            ExperimentCommand.self, ReportCommand.self, MergeCommand.self, TrainCommand.self, PredictCommand.self,
            EEGCommand.self, StatsCommand.self, BenchCommand.self, LabCommand.self, GANCommand.self
        ])
}

// Library errors about settings name them in the library's terms; here they are printed with the flags.
do {
    var command = try OneNeuronCommand.parseAsRoot()
    try command.run()
} catch let error as any SettingsDescribed {
    FileHandle.standardError.write(Data("Error: \(error.message.rendered(.flags))\n".utf8))
    exit(EXIT_FAILURE)
} catch {
    OneNeuronCommand.exit(withError: error)
}
