import Backend
import Foundation
import IO
import Keras
import Synchronization
import NN
import Neuron
import Results
import Training

/// Runs one training unit in its folder `trainings/runR-ARM/`, appending one line per epoch to
/// epochs.jsonl and timings.jsonl and checkpointing every few epochs. If the folder holds a
/// checkpoint, it resumes from it (dropping lines written after it) and ends with the same
/// results an uninterrupted training would have.
struct TrainingRunner: Sendable {
    let unit: TrainingUnit
    let options: ExperimentOptions
    let data: ExperimentData
    let factory: TrainerFactory
    let folder: URL
    let log: @Sendable (String) -> Void
    /// Counts epochs across the process for the simulated-crash testing hook.
    let epochCounter: EpochCounter
    /// Sets this training's thread count before each epoch.
    let threads: ThreadShare

    var epochsFile: URL { folder.appendingPathComponent(ResultsFiles.epochs) }
    var timingsFile: URL { folder.appendingPathComponent(ResultsFiles.timings) }
    var checkpointFile: URL { folder.appendingPathComponent(ResultsFiles.checkpoint) }
    var outcomeFile: URL { folder.appendingPathComponent(ResultsFiles.outcome) }

    /// The outcome of a training that already finished, if any.
    func finishedOutcome() throws -> TrainingOutcome? {
        guard FileManager.default.fileExists(atPath: outcomeFile.path) else { return nil }
        return try JSONFile.read(TrainingOutcome.self, from: outcomeFile, fix: "Delete this training's folder to rerun it")
    }

    /// Trains (or resumes) on the calling thread, job worker `worker` of the experiment's `threads` share.
    func run(worker: Int) throws -> TrainingOutcome {
        if let done = try finishedOutcome() { return done }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        ComputeThreads.set(threads.threads(forWorker: worker))
        let trainer = try factory.makeTrainer(arm: unit.arm, seed: unit.seed).trainer
        let model = trainer.model
        var monitor: NeuronMonitor?
        if let augmented = model as? AugmentedModel {
            monitor = NeuronMonitor(model: augmented, training: data.train)
            monitor!.printWarnings = false
        }
        // Resume.
        var startEpoch = 0
        if let checkpoint = try Checkpoint.load(from: checkpointFile) {
            try trainer.restore(checkpoint, callback: monitor)
            startEpoch = checkpoint.epoch
            log("\(unit.folderName): resuming after epoch \(startEpoch)")
        }
        try truncate(EpochRecord.self, epochsFile, after: startEpoch)
        try truncate(EpochTiming.self, timingsFile, after: startEpoch)
        let stuck = StuckDetector(), dead = DeadUnitMonitor()
        let recorder = EpochWriter(runner: self, monitor: monitor, stuck: stuck, dead: dead)
        // The dead-unit monitor reads the training step's ReLU outputs: before any callback runs another forward pass.
        // A resumed training's stuck streak continues from its records.
        let stopping = try options.stopStuckAfter.map {
            StuckStopping(after: $0, detector: stuck, streak: try stuckStreakSoFar())
        }
        let callbacks: [any Callback] =
            [ThreadShareCallback(threads, worker: worker), stuck] + (stopping.map { [$0] } ?? []) + [dead]
            + (monitor.map { [$0] } ?? []) + [recorder]
        do {
            _ = try trainer.fit(
                data.train, batchSize: options.training.batchSize, epochs: options.training.epochs, shuffle: options.training.shuffle,
                validation: data.validation,
                callbacks: callbacks, progress: .quiet)
        } catch let error as ExperimentError {
            throw error
        } catch {
            // Overflow, NaN: recorded as diverged, never dropped.
            var cause = "\(error)"
            if case TrainingError.stepFailed(_, _, let sample?, _) = error, let names = data.trainingSampleNames, names.indices.contains(sample) {
                cause += " [training sample \(sample): \(names[sample])]"
            }
            if case TrainingError.evaluationFailed(_, _, let sample?, _) = error, let names = data.validationSampleNames, names.indices.contains(sample) {
                cause += " [validation sample \(sample): \(names[sample])]"
            }
            let outcome = TrainingOutcome(status: .diverged, divergedEpoch: trainer.epochsCompleted + 1, cause: cause, epochs: trainer.epochsCompleted)
            try finish(outcome)
            log("\(unit.folderName): diverged in epoch \(trainer.epochsCompleted + 1): \(cause)")
            return outcome
        }
        let outcome = TrainingOutcome(status: .completed, epochs: trainer.epochsCompleted)
        if let epoch = stopping?.stoppedEpoch {
            log(
                "\(unit.folderName): stopped after epoch \(epoch), stuck for \(options.stopStuckAfter ?? 0) epochs in a row (\(options.naming.name(.stopStuck)))"
            )
        }
        try finish(outcome)
        return outcome
    }

    /// Stuck epochs in a row at the end of this training's epochs.jsonl (0 when it has none).
    private func stuckStreakSoFar() throws -> Int {
        guard FileManager.default.fileExists(atPath: epochsFile.path) else { return 0 }
        return try JSONLinesFile<EpochRecord>(url: epochsFile).records.trailingStuckStreak.count
    }

    private func finish(_ outcome: TrainingOutcome) throws {
        try AtomicFile.write(Data(try JSON.encode(outcome).utf8), to: outcomeFile)
        try? FileManager.default.removeItem(at: checkpointFile)
    }

    /// Keeps only the lines of epochs <= `epoch` (lines written after the last checkpoint are redone;
    /// a torn last line is dropped).
    private func truncate<R: JSONLinesRecord & EpochNumbered>(_ type: R.Type, _ url: URL, after epoch: Int) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let kept = try JSONLinesFile<R>(url: url).lines.filter { $0.record.epoch <= epoch }
        try AtomicFile.write(Data(kept.map { $0.text + "\n" }.joined().utf8), to: url)
    }
}

/// Thread-safe count of epochs finished in this process (for the simulated-crash hook).
final class EpochCounter: Sendable {
    private let count = Mutex(0)
    func increment() -> Int {
        count.withLock {
            $0 += 1; return $0
        }
    }
}

/// Appends each finished epoch to the training's files and checkpoints every `checkpointEvery` epochs.
final class EpochWriter: Callback {
    let runner: TrainingRunner
    let monitor: NeuronMonitor?
    let stuck: StuckDetector
    let dead: DeadUnitMonitor

    init(runner: TrainingRunner, monitor: NeuronMonitor?, stuck: StuckDetector, dead: DeadUnitMonitor) {
        self.runner = runner
        self.monitor = monitor
        self.stuck = stuck
        self.dead = dead
    }

    func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        let unit = runner.unit
        try AtomicFile.append(
            line: try JSON.encode(EpochRecord(unit, epoch: epoch, logs: logs, stuck: stuck.epochBlock, deadUnits: dead.epochCounts)), to: runner.epochsFile)
        let timing = EpochTiming(run: unit.run, arm: unit.arm, epoch: epoch, seconds: finite(logs["seconds"]))
        try AtomicFile.append(line: try JSON.encode(timing), to: runner.timingsFile)
        if epoch % runner.options.checkpointEvery == 0 && epoch < runner.options.training.epochs {
            try trainer.state(with: monitor).save(to: runner.checkpointFile)
        }
        if !runner.options.quiet {
            var text = String(
                format: "%@ epoch %d/%d  loss %.4f  acc %.4f  val_loss %.4f  val_acc %.4f  %.1fs", runner.unit.folderName, epoch,
                runner.options.training.epochs,
                logs["loss"] ?? .nan, logs["accuracy"] ?? .nan, logs["val_loss"] ?? .nan, logs["val_accuracy"] ?? .nan, logs["seconds"] ?? .nan)
            if let a = logs["a"] {
                text += String(
                    format: "  a %.4g  b %.4g  f0_loss %.4f  identity %.1e", a, logs["b"] ?? .nan, logs["f0_loss"] ?? .nan, logs["identity_residual"] ?? .nan)
            }
            if (logs["diverging"] ?? 0) > 0 { text += "  DIVERGING" }
            runner.log(text)
        }
        if let limit = runner.options.crashAfterEpochs, runner.epochCounter.increment() >= limit {
            throw ExperimentError.simulatedCrash(epochs: limit)
        }
    }
}
