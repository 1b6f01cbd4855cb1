import Diagnostics
import Foundation
import IO
import Report
import Results

/// Writes the report of a results folder (the `report` command); `naming` names settings in its text.
public func writeExperimentReportFromCommand(_ folder: String, naming: SettingNaming = .library) throws -> ReportSummary {
    try writeExperimentReport(resultsDirectory: URL(fileURLWithPath: folder), naming: naming)
}

/// Combines the folders of shards of one experiment: they must share config.json; every finished
/// training folder is copied into `out/trainings/`, then the experiment files and the report are written
/// (`naming`: how the report names settings).
public func mergeResults(_ folders: [URL], into out: URL, naming: SettingNaming = .library) throws -> ReportSummary {
    guard let first = folders.first else { throw ExperimentError.noShards }
    let fm = FileManager.default
    let configData = try Data(contentsOf: first.appendingPathComponent(ResultsFiles.config))
    let config = try ExperimentConfig.read(first.appendingPathComponent(ResultsFiles.config))
    try fm.createDirectory(at: out.appendingPathComponent("trainings"), withIntermediateDirectories: true)
    var units: [TrainingUnit] = []
    for folder in folders {
        guard try ExperimentConfig.read(folder.appendingPathComponent(ResultsFiles.config)) == config else {
            throw ExperimentError.shardsDiffer(folder: folder.path, first: first.path)
        }
        let trainings = folder.appendingPathComponent("trainings")
        for name in try fm.contentsOfDirectory(atPath: trainings.path).sorted() {
            guard let unit = TrainingUnit(folderName: name, seed: config.seed) else { continue }
            let source = trainings.appendingPathComponent(name)
            guard fm.fileExists(atPath: source.appendingPathComponent("outcome.json").path) else {
                throw ExperimentError.shardUnfinished(training: source.path)
            }
            let target = out.appendingPathComponent("trainings").appendingPathComponent(name)
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.copyItem(at: source, to: target)
            units.append(unit)
        }
    }
    try AtomicFile.write(configData, to: out.appendingPathComponent(ResultsFiles.config))
    if let notes = try? Data(contentsOf: first.appendingPathComponent("data_notes.txt")) {
        try AtomicFile.write(notes, to: out.appendingPathComponent("data_notes.txt"))
    }
    try ResultsAssembler(out: out, units: units, patience: config.earlyStoppingPatience).assemble()
    return try writeExperimentReport(resultsDirectory: out, naming: naming)
}

extension TrainingUnit {
    /// Parses "run3-augmented" (its seed is config.json's `seed` + run).
    init?(folderName: String, seed: UInt64) {
        let parts = folderName.split(separator: "-")
        guard parts.count == 2, parts[0].hasPrefix("run"), let run = Int(parts[0].dropFirst(3)),
            let arm = Arm(rawValue: String(parts[1]))
        else { return nil }
        self.init(run: run, arm: arm, seed: seed + UInt64(run))
    }
}
