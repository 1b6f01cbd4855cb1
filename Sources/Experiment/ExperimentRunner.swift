import Diagnostics
import Backend
import Foundation
import IO
import Keras
import Synchronization
import NN
import Neuron
import Report
import Results
import Training

/// What `runExperiment` produced.
public struct ExperimentSummary {
    public let directory: URL
    public let trainings: Int
    public let diverged: Int
    /// nil when this shard did not finish the whole experiment (merge the shards, then report).
    public let report: ReportSummary?
    public let seconds: Double
}

/// The seed's protocol as one call: for each run seed, the plain and the augmented network with
/// the same base initial weights and batch order; results written as they come, checkpointed,
/// resumable (rerun the same call after any interruption), `jobs` trainings at a time; then the report.
public func runExperiment(_ options: ExperimentOptions, log: @escaping @Sendable (String) -> Void = { print($0) }) throws -> ExperimentSummary {
    var chosen = try options.resolved()
    try chosen.compute.prepare()
    chosen.compute.convolutionAlgorithm = try convolutionAlgorithmToUse(chosen)
    let o = chosen
    try o.compute.checkConvolutionAlgorithm()
    let start = Date()
    let loss = o.loss.make(classes: o.classes)
    let data = try ExperimentData.load(o.data, standardize: o.training.standardize, seed: o.training.seed, labels: loss.labels, log: log)
    let factory = o.trainerFactory(inputShape: data.inputShape)
    if let file = o.training.initWeights {
        // A file that does not fit the model fails here, before config.json is written.
        let imported = try factory.makeTrainer(arm: .augmented, seed: o.training.seed).imported!
        _ = try factory.makeTrainer(arm: .plain, seed: o.training.seed)
        log(
            "initial weights from \(file.path) (layers matched by \(imported.matchedBy)): sets \(imported.layersSet.joined(separator: ", "))"
                + (imported.layersKept.isEmpty ? "" : "; the augmented arm draws \(imported.layersKept.joined(separator: ", ")) from the run seed"))
    }
    if !o.training.shuffle { log("no shuffling: batches in file order every epoch") }
    // Only a configuration that could start is recorded (a typo must not lock the folder).
    try FileManager.default.createDirectory(at: o.out, withIntermediateDirectories: true)
    try writeConfiguration(o, log: log)
    try writeNotes(data.notes, to: o.out)
    let units = TrainingUnit.all(runs: o.runs, seed: o.training.seed, shard: o.shard)
    let totalThreads = o.threadsToUse
    let workers = min(o.jobsToUse, units.count)
    log(
        "\(units.count) trainings (\(o.runs) runs x 2 arms\(o.shard.count > 1 ? ", shard \(o.shard.index)/\(o.shard.count)" : "")), \(o.training.epochs) epochs each, \(workers) at a time sharing \(totalThreads) thread(s); oneDNN kernels: \(CPUISA.effective)\(o.compute.portable ? " (portable)" : ""); results in \(o.out.path)"
    )
    let counter = EpochCounter()
    // Trainings finish on several threads; the results files are assembled by one at a time.
    let assembleLock = Mutex(())
    let errors = ErrorBox()
    // Trainings get more threads when others finish. Every kernel OneNeuron ships gives the same
    // bits for any thread count; the probe is a safety net for layers it does not control.
    let startThreads = max(1, totalThreads / max(1, workers))
    let share: ThreadShare
    if totalThreads > 1, !(try threadCountsGiveSameBits(o, data: data, maxThreads: totalThreads)) {
        log(
            "this model's results depend on the thread count: every training keeps \(startThreads) thread(s) (results are reproducible for the same \(o.naming.name(.threads)) and \(o.naming.name(.jobs)))"
        )
        share = ThreadShare(total: totalThreads, workers: workers, fixedPerTraining: startThreads)
    } else {
        share = ThreadShare(total: totalThreads, workers: workers)
    }
    let runners = units.map { unit in
        TrainingRunner(
            unit: unit, options: o, data: data, factory: factory, folder: o.out.appendingPathComponent("trainings").appendingPathComponent(unit.folderName),
            log: log, epochCounter: counter, threads: share)
    }
    let queue = WorkQueue(count: runners.count)
    // `jobs` worker threads; each runs trainings until the queue is empty.
    let done = DispatchGroup()
    for worker in 0..<workers {
        done.enter()
        Thread.detachNewThread {
            defer { share.workerFinished(worker); done.leave() }
            while errors.first == nil, let i = queue.next() {
                do {
                    let outcome = try runners[i].run(worker: worker)
                    log("\(units[i].folderName): \(outcome.status) after \(outcome.epochs) epochs")
                    try assembleLock.withLock { _ in try ResultsAssembler(out: o.out, units: units, patience: o.patience).assemble() }
                } catch { errors.record(error) }
            }
        }
    }
    done.wait()
    if let error = errors.first { throw error }
    try ResultsAssembler(out: o.out, units: units, patience: o.patience).assemble()
    let diverged = try runners.filter { try $0.finishedOutcome()?.status == .diverged }.count
    var report: ReportSummary?
    if o.shard.count == 1 {
        report = try writeExperimentReport(resultsDirectory: o.out, naming: o.naming)
    }
    return ExperimentSummary(directory: o.out, trainings: units.count, diverged: diverged, report: report, seconds: Date().timeIntervalSince(start))
}

/// The convolution algorithm of this experiment: the one asked for, or for `.auto` the one the folder's
/// results were made with, else what `CPUISA.resolve` picks on this machine. So a rerun or a grown
/// study keeps its algorithm whatever the default.
private func convolutionAlgorithmToUse(_ o: ExperimentOptions) throws -> ConvolutionAlgorithm {
    guard o.compute.convolutionAlgorithm == .auto else { return o.compute.convolutionAlgorithm }
    let url = o.out.appendingPathComponent(ResultsFiles.config)
    guard FileManager.default.fileExists(atPath: url.path) else { return CPUISA.resolve(.auto, precision: o.compute.precision) }
    let name = try ExperimentConfig.read(url).convAlgorithm
    guard let recorded = ConvolutionAlgorithm(rawValue: name), recorded != .auto else {
        throw ExperimentError.unknownConvolutionAlgorithm(file: url.path, name: name)
    }
    return recorded
}

/// config.json: every choice; a rerun into the same folder must use the same configuration,
/// except that `--runs` may grow: the folder's runs are kept (their files untouched) and only the
/// new runs train, so a study can be extended across days and machines (run r always has seed
/// `seed + r`). The configurations are compared as values, not as text.
private func writeConfiguration(_ o: ExperimentOptions, log: (String) -> Void) throws {
    let url = o.out.appendingPathComponent(ResultsFiles.config)
    let config = o.configuration
    if FileManager.default.fileExists(atPath: url.path) {
        let existing = try ExperimentConfig.read(url)
        if existing == config { return }
        var sameRuns = config
        sameRuns.runs = existing.runs
        guard sameRuns == existing else {
            throw ExperimentError.folderHoldsOtherConfiguration(folder: o.out.path)
        }
        guard o.runs > existing.runs else {
            throw ExperimentError.runsWouldShrink(folder: o.out.path, existing: existing.runs, requested: o.runs)
        }
        log(
            "extending the study in \(o.out.path) from \(existing.runs) to \(o.runs) runs: runs \(existing.runs)...\(o.runs - 1) will train, the others are kept"
        )
    }
    try AtomicFile.write(Data(try config.text().utf8), to: url)
}

private func writeNotes(_ notes: [String], to out: URL) throws {
    try AtomicFile.write(Data((notes.joined(separator: "\n") + "\n").utf8), to: out.appendingPathComponent("data_notes.txt"))
}

/// Hands out work items 0..<count to worker threads.
final class WorkQueue: Sendable {
    private let nextIndex = Mutex(0)
    private let count: Int
    init(count: Int) { self.count = count }
    func next() -> Int? {
        nextIndex.withLock { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// The first error any worker hit.
final class ErrorBox: Sendable {
    private let error = Mutex<(any Error)?>(nil)
    var first: (any Error)? { error.withLock { $0 } }
    func record(_ e: any Error) { error.withLock { if $0 == nil { $0 = e } } }
}
