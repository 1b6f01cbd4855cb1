import Diagnostics
import ArgumentParser
import Backend
import EEG
import Experiment
import Foundation
import NN
import Neuron

/// `one-neuron experiment`: the seed protocol, paired, resumable, with a report.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Paired runs of the network with and without the exponential neuron, statistics and a report. Rerun the same command to resume.")

    @OptionGroup(title: "Data") var data: DataArguments
    @OptionGroup(title: "Training") var training: TrainingArguments
    @Option(parsing: .unconditional, help: "Paired runs (each: plain + augmented).") var runs = 5
    @Option(parsing: .unconditional, help: "Trainings at the same time; default: one per compute thread (results do not depend on it).") var jobs: Int?
    @Option(parsing: .unconditional, help: "Checkpoint every N epochs.") var checkpointEvery = 5
    @Option(parsing: .unconditional, help: "Patience of the early-stopping rules compared in the report.") var patience = 20
    @Option(
        parsing: .unconditional,
        help:
            "Stop a training once it has been stuck (no gradient below some layer in any batch) this many epochs in a row, e.g. 20: it cannot recover once Adam's moments have decayed. Off by default; recorded in config.json; the report says how much time it saves."
    )
    var stopStuck: Int?
    @Option(help: "Run only shard i of n (e.g. 3/10) for batch schedulers; combine with `one-neuron merge`.") var shard = "1/1"
    @OptionGroup(title: "Compute") var compute: ComputeArguments
    @OptionGroup(title: "Output") var output: OutputArguments

    func run() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--shard must look like i/n, e.g. 2/5") }
        var o = ExperimentOptions(try data.options(), out: URL(fileURLWithPath: output.out))
        o.training = training.options; o.compute = try compute.options()
        noteIfBF16IsSlowerHere(o.compute.precision)
        o.runs = runs; o.jobs = jobs ?? 0; o.checkpointEvery = checkpointEvery; o.patience = patience; o.stopStuckAfter = stopStuck
        o.shard = (parts[0], parts[1]); o.quiet = output.quiet; o.naming = .flags
        let summary = try runExperiment(o)
        print(String(format: "%d trainings (%d diverged) in %.1f s", summary.trainings, summary.diverged, summary.seconds))
        if let report = summary.report {
            print("report: \(report.html.path)")
            print("summary: \(report.markdown.path)")
        } else {
            print("shard done; combine the shard folders with `one-neuron merge` to get the report")
        }
    }
}

/// `one-neuron report`: regenerate the report of a results folder without retraining.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Regenerate figures, report.md and report.html of a results folder.")
    @Argument(help: "Results folder.") var folder: String

    func run() throws {
        let report = try writeExperimentReportFromCommand(folder, naming: .flags)
        print("report: \(report.html.path)")
    }
}

/// `one-neuron merge`: combine shard folders into one results folder and write its report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Combine result folders of shards (--shard i/n) into one and write the report.")
    @Argument(help: "Shard result folders.") var folders: [String]
    @Option(help: "Merged results folder.") var out: String

    func run() throws {
        let report = try mergeResults(folders.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out), naming: .flags)
        print("merged \(folders.count) folders; report: \(report.html.path)")
    }
}
