import ArgumentParser
import EEG
import Experiment
import Foundation

/// The data flags of `experiment` and `train` (one definition, so both commands say the same).
struct DataArguments: ParsableArguments {
    @Option(help: "Folder with the 16 EEG recordings (ML101_KS.csv ...).") var eeg: String?
    @Option(
        help:
            "An .npz with x (N, ...) and y (N,): labels in {-1,+1} or {0,1}, class indices 0..K-1 or one-hot (N, K) for --loss cce; optionally x_val, y_val (its own validation data). Instead of --eeg."
    )
    var data: String?
    @Option(help: "EEG image layout: notebook or band-major.") var layout: EEGImageLayout = .notebook
    @Option(
        help:
            "Validation split: random (the seed's), subject[:K] (leave subject K out), time (leave-time-out within every session) (default: random for the task target, time for subject and session).",
        transform: inFlagTerms(ExperimentSplit.init(parsing:)))
    var split: ExperimentSplit?
    @Option(parsing: .unconditional, help: "Share of the samples a random or time split validates on.") var valFraction = 0.2
    @Option(help: "What EEG frames are classified by: task (familiar vs unfamiliar, the seed's), subject (8 classes) or session (16 classes).")
    var target: EEGTarget = .task
    @Option(
        help: ArgumentHelp(
            "EEG sessions to leave out of training and validation, e.g. ML106_US (its recording artifacts); recorded in config.json.", valueName: "names"))
    var excludeSessions: String?

    /// The library's data options.
    func options() throws -> DataOptions {
        let source: ExperimentSource
        switch (eeg, data) {
        case let (dir?, nil): source = .eeg(directory: URL(fileURLWithPath: dir), layout: layout)
        case let (nil, file?): source = .data(URL(fileURLWithPath: file))
        default: throw ValidationError("give exactly one of --eeg DIR or --data FILE.npz")
        }
        var d = DataOptions(source: source)
        d.split = split; d.validationFraction = valFraction; d.target = target
        d.excludedSessions = try (excludeSessions ?? "").split(separator: ",").map { try EEGSession(name: String($0).trimmingCharacters(in: .whitespaces)) }
        return d
    }
}
