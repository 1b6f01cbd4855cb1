import Diagnostics
import Foundation
import Results

/// The contents of a results folder written by an experiment:
/// `config.json` (every choice made), `epochs.jsonl` (one record per run, arm and epoch)
/// and `runs.jsonl` (one record per finished training).
public struct ExperimentResults: Sendable {
    public static let configFile = ResultsFiles.config
    public static let epochsFile = ResultsFiles.epochs
    public static let runsFile = ResultsFiles.runs

    public let directory: URL
    /// The configuration (config.json).
    public let config: ExperimentConfig
    /// Epoch records sorted by run, arm (plain first) and epoch; for a repeated
    /// (run, arm, epoch) the last record in the file is kept.
    public let epochs: [EpochRecord]
    /// Run records sorted by run and arm; for a repeated (run, arm) the last record is kept.
    public let runs: [RunRecord]
    /// Things a reader should know (ignored torn lines, duplicates, missing runs file).
    public let warnings: [String]

    public init(directory: URL, config: ExperimentConfig, epochs: [EpochRecord], runs: [RunRecord], warnings: [String] = []) {
        self.directory = directory
        self.config = config
        self.epochs = epochs
        self.runs = runs
        self.warnings = warnings
    }

    /// Loads a results folder. Throws `FileError` naming the file and line of any problem.
    public static func load(from directory: URL) throws -> ExperimentResults {
        var warnings: [String] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FileError(
                .fileAccess, file: directory.path, problem: "is not a folder", fix: "Give the folder an experiment wrote its results to (its out setting)")
        }
        let config = try ExperimentConfig.read(directory.appendingPathComponent(configFile))

        let epochsURL = directory.appendingPathComponent(epochsFile)
        guard FileManager.default.fileExists(atPath: epochsURL.path) else {
            throw FileError(
                .fileAccess, file: epochsURL.path, problem: "not found", fix: "Run the experiment into this folder first; it writes epochs.jsonl as it trains")
        }
        let epochLines = try JSONLinesFile<EpochRecord>(url: epochsURL)
        if let torn = epochLines.tornLine {
            warnings.append("\(epochsFile) line \(torn) has no line end (an interrupted write) and was ignored.")
        }
        var epochTable: [String: EpochRecord] = [:]
        var duplicateEpochs = 0
        for record in epochLines.records {
            let key = "\(record.run)/\(record.arm.rawValue)/\(record.epoch)"
            if epochTable.updateValue(record, forKey: key) != nil { duplicateEpochs += 1 }
        }
        if duplicateEpochs > 0 {
            warnings.append(
                "\(epochsFile) has \(duplicateEpochs) repeated (run, arm, epoch) record(s), for example from a resumed run; the last of each was used.")
        }

        let runsURL = directory.appendingPathComponent(runsFile)
        var runTable: [String: RunRecord] = [:]
        if FileManager.default.fileExists(atPath: runsURL.path) {
            let runLines = try JSONLinesFile<RunRecord>(url: runsURL)
            if let torn = runLines.tornLine {
                warnings.append("\(runsFile) line \(torn) has no line end (an interrupted write) and was ignored.")
            }
            var duplicateRuns = 0
            for record in runLines.records {
                if runTable.updateValue(record, forKey: "\(record.run)/\(record.arm.rawValue)") != nil { duplicateRuns += 1 }
            }
            if duplicateRuns > 0 {
                warnings.append("\(runsFile) has \(duplicateRuns) repeated (run, arm) record(s); the last of each was used.")
            }
        } else {
            warnings.append("\(runsFile) is missing: no training has finished yet, so there are no per-run results.")
        }

        let armOrder: (Arm) -> Int = { $0 == .plain ? 0 : 1 }
        let epochs = epochTable.values.sorted { ($0.run, armOrder($0.arm), $0.epoch) < ($1.run, armOrder($1.arm), $1.epoch) }
        let runs = runTable.values.sorted { ($0.run, armOrder($0.arm)) < ($1.run, armOrder($1.arm)) }
        return ExperimentResults(directory: directory, config: config, epochs: epochs, runs: runs, warnings: warnings)
    }

    /// The epoch records of one training, in epoch order.
    public func epochs(run: Int, arm: Arm) -> [EpochRecord] {
        epochs.filter { $0.run == run && $0.arm == arm }
    }

    /// The summary record of one training, if it finished.
    public func runRecord(run: Int, arm: Arm) -> RunRecord? {
        runs.first { $0.run == run && $0.arm == arm }
    }

    /// Run indices that have a summary record in either arm, ascending.
    public var runIndices: [Int] {
        Array(Set(runs.map(\.run))).sorted()
    }
}
