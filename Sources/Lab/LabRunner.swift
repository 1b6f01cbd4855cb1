import Diagnostics
import Foundation
import IO
import Results

/// Everything `runLab` needs; defaults are the Safran-Shamir protocol.
public struct LabOptions: Sendable {
    public var task: LabTask
    public var starts: Int
    public var arms: [LabArm] = [.plain, .neuron]
    /// The neuron's penalty lambda*a^2.
    public var lambda: Double = 0.1
    /// Start s of the task draws from (seed, task, s) only.
    public var seed: UInt64 = 1
    public var descent = GradientDescentSettings()
    /// Compute threads; 0 means every core. Results do not depend on it.
    public var threads: Int = 0
    /// How many neuron starts keep their (a, b) trajectory in `lab.jsonl`.
    public var trajectoryStarts: Int = 4
    /// How the neuron's w starts.
    public var neuronInit: LabNeuronInit = .random
    public var out: URL

    public init(task: LabTask, starts: Int, out: URL) {
        self.task = task
        self.starts = starts
        self.out = out
        descent.step = task.defaultStep
        descent.restartOnIncrease = task.restartsOnIncrease
    }

    /// The `lab_config.json` of these options.
    var config: LabConfig {
        LabConfig(
            task: task.name, starts: starts, arms: arms, lambda: lambda, seed: seed, step: descent.step, tolerance: descent.tolerance,
            maxIterations: descent.maxIterations, restartBound: descent.restartBound, maxRestarts: descent.maxRestarts,
            trajectoryStarts: trajectoryStarts, neuronInit: neuronInit.rawValue, restartOnIncrease: descent.restartOnIncrease)
    }

    /// Throws `SettingError.valueOutOfRange` for a value that cannot run.
    func validate() throws {
        guard starts >= 1 else { throw SettingError.valueOutOfRange(.starts, value: "\(starts)", allowed: "at least 1") }
        guard !arms.isEmpty, Set(arms).count == arms.count else {
            throw SettingError.valueOutOfRange(.arms, value: "\(arms.map(\.rawValue).joined(separator: ","))", allowed: "plain, neuron or both, each once")
        }
        guard lambda.isFinite, lambda >= 0 else { throw SettingError.valueOutOfRange(.lambda, value: "\(lambda)", allowed: "a finite number >= 0") }
        guard descent.step.isFinite, descent.step > 0 else { throw SettingError.valueOutOfRange(.step, value: "\(descent.step)", allowed: "a positive number") }
        guard descent.tolerance.isFinite, descent.tolerance > 0 else {
            throw SettingError.valueOutOfRange(.tolerance, value: "\(descent.tolerance)", allowed: "a positive number")
        }
        guard descent.maxIterations >= 1 else { throw SettingError.valueOutOfRange(.maxIterations, value: "\(descent.maxIterations)", allowed: "at least 1") }
        guard threads >= 0 else { throw SettingError.valueOutOfRange(.threads, value: "\(threads)", allowed: "at least 1 (or 0: every core)") }
        guard trajectoryStarts >= 0 else { throw SettingError.valueOutOfRange(.trajectoryStarts, value: "\(trajectoryStarts)", allowed: "0 or more") }
    }
}

/// What `runLab` did.
public struct LabSummary: Sendable {
    /// Records in `lab.jsonl` at the end.
    public let records: [LabRecord]
    /// Trainings run by this call (the others were already in the folder).
    public let trained: Int
    public let seconds: Double
    /// Trainings per second of wall time in this call.
    public var trainingsPerSecond: Double { seconds > 0 ? Double(trained) / seconds : 0 }
}

/// Trains every (start, arm) of `options` not yet in `options.out/lab.jsonl`, in parallel, appending
/// each record in canonical order (start by start, arms in the given order). Rerunning the same
/// command resumes; a larger `--starts` grows the study; anything else different is refused.
public func runLab(_ options: LabOptions, progress: (Int, Int) -> Void = { _, _ in }) throws -> LabSummary {
    try options.validate()
    let folder = options.out
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let configURL = folder.appendingPathComponent(LabFiles.config)
    let recordsURL = folder.appendingPathComponent(LabFiles.records)
    let timingsURL = folder.appendingPathComponent(LabFiles.timings)
    var config = options.config
    if FileManager.default.fileExists(atPath: configURL.path) {
        let existing = try JSONFile.read(LabConfig.self, from: configURL, fix: "Delete the folder or choose another results folder")
        var comparable = existing
        comparable.starts = config.starts
        guard comparable == config else {
            throw LabError.folderHoldsOtherSettings(folder: folder.path, config: try JSON.encode(existing))
        }
        config.starts = max(existing.starts, config.starts)
    }
    var records = FileManager.default.fileExists(atPath: recordsURL.path) ? try JSONLinesFile<LabRecord>(url: recordsURL).records : []
    let arms = options.arms
    let total = options.starts * arms.count
    guard records.count <= total else {
        throw LabError.startsWouldShrink(folder: folder.path, existing: records.count / arms.count, requested: options.starts)
    }
    for (index, record) in records.enumerated() where record.start != index / arms.count || record.arm != arms[index % arms.count] {
        throw LabError.recordOutOfOrder(
            file: recordsURL.path, line: index + 1, found: "\(record.start) \(record.arm.rawValue)",
            expected: "\(index / arms.count) \(arms[index % arms.count].rawValue)")
    }
    config.starts = max(config.starts, options.starts)
    try AtomicFile.write(Data((try JSON.encode(config, layout: .membersOnLines) + "\n").utf8), to: configURL)

    let done = records.count
    let began = Date()
    let task = options.task, neuronInit = options.neuronInit, lambda = options.lambda, seed = options.seed, settings = options.descent,
        keep = options.trajectoryStarts
    try orderedParallelMap(
        count: total - done, threads: options.threads > 0 ? options.threads : ProcessInfo.processInfo.activeProcessorCount,
        work: { offset -> (LabRecord, Double) in
            let index = done + offset
            let clock = Date()
            let record = trainOneStart(
                task: task, arm: arms[index % arms.count], start: index / arms.count, lambda: lambda, seed: seed,
                settings: settings, keepTrajectory: index / arms.count < keep, neuronInit: neuronInit)
            return (record, Date().timeIntervalSince(clock))
        },
        consume: { offset, result in
            try AtomicFile.append(line: try JSON.encode(result.0), to: recordsURL)
            try AtomicFile.append(line: try JSON.encode(LabTiming(arm: result.0.arm, start: result.0.start, seconds: result.1)), to: timingsURL)
            records.append(result.0)
            progress(done + offset + 1, total)
        })
    return LabSummary(records: records, trained: total - done, seconds: Date().timeIntervalSince(began))
}

/// Trains one start of one arm and makes its record.
public func trainOneStart(
    task: LabTask, arm: LabArm, start: Int, lambda: Double, seed: UInt64,
    settings: GradientDescentSettings, keepTrajectory: Bool, neuronInit: LabNeuronInit = .random
) -> LabRecord {
    let objective = task.makeObjective(arm: arm, lambda: lambda)
    let initial = task.startParameters(arm: arm, seed: seed, start: start, neuronInit: neuronInit)
    let outcome = gradientDescent(objective, from: initial, settings: settings, recordTrajectory: keepTrajectory && arm == .neuron)
    let success = outcome.stopped != .diverged && outcome.original.isFinite && objective.succeeded(outcome.parameters, originalLoss: outcome.original)
    var record = LabRecord(
        arm: arm, start: start, finalLoss: outcome.original, objective: outcome.objective, success: success,
        stopped: outcome.stopped, iterations: outcome.iterations, step: outcome.step, restarts: outcome.restarts,
        gradientNorm: outcome.gradientNorm)
    let layouts = objective.neuronLayouts
    if !layouts.isEmpty {
        // With one neuron per output, the record keeps the neuron of largest |a_k| (`NeuronLayout.summary`).
        let end = outcome.parameters.withUnsafeBufferPointer { (NeuronLayout.summary($0, layouts), neuronNorm($0, layouts)) }
        record.a = end.0.a
        record.b = end.0.b
        record.wNorm = end.0.wNorm
        record.diverging = isDiverging(stopped: outcome.stopped, normAtEnd: end.1, normHalfway: outcome.neuronNormHalfway)
        if keepTrajectory {
            record.trajectoryIterations = outcome.trajectory.map(\.iteration)
            record.trajectoryA = outcome.trajectory.map(\.a)
            record.trajectoryB = outcome.trajectory.map(\.b)
        }
    }
    return record
}

/// The neuron drifts to infinity instead of stopping: the run diverged, or it ran out of
/// iterations while the neuron's |(w, b)| (all neurons' together) still grew over the second half
/// of the run (by more than 0.1%): gradient descent is following a path out to infinity, not settling.
func isDiverging(stopped: LabStop, normAtEnd: Double, normHalfway: Double?) -> Bool {
    switch stopped {
    case .converged: return false
    case .diverged: return true
    case .maxIterations:
        guard let normHalfway else { return false }
        return !normAtEnd.isFinite || normAtEnd > 1.001 * normHalfway
    }
}
