import Diagnostics
import Backend
import EEG
import Foundation
import NN
import Neuron
import Results
import Training

/// Every choice of an experiment; all of them are written to config.json and shown in the report.
public struct ExperimentOptions: Sendable {
    public var data: DataOptions
    public var training = TrainingOptions()
    /// `compute.threads` are shared by the jobs (see `ThreadShare`; results do not depend on them).
    public var compute = ComputeOptions()
    public var out: URL
    public var runs = 5
    /// Number of classes the loss sees: 2 for binary losses; for softmax cross-entropy, the EEG
    /// target's classes or, for an .npz, the largest label + 1. Set by `resolved()`.
    public var classes = 2
    /// Trainings run at the same time; 0: one per compute thread (see `jobsToUse`).
    public var jobs = 0
    /// Checkpoint every this many epochs.
    public var checkpointEvery = 5
    /// Patience of both early-stopping rules compared in the report.
    public var patience = 20
    /// Stop a training after this many stuck epochs in a row (`StuckStopping`); nil: train every epoch.
    public var stopStuckAfter: Int?
    /// Run only shard `shard.index` of `shard.count` (1-based), for batch schedulers.
    public var shard: (index: Int, count: Int) = (1, 1)
    /// One log line per finished training only.
    public var quiet = false
    /// How log lines and the report name settings (the library's names; the command-line tool gives its flags).
    public var naming: SettingNaming = .library
    /// Testing hook: stop with `ExperimentError.simulatedCrash` after this many epochs in this process.
    public var crashAfterEpochs: Int?

    public init(source: ExperimentSource, out: URL) { self.init(DataOptions(source: source), out: out) }

    public init(_ data: DataOptions, out: URL) {
        self.data = data
        self.out = out
    }

    /// The loss used (`training.loss`, or the target's default).
    public var loss: LossSpec { data.lossToUse(training) }

    /// The compute threads the experiment uses: `compute.threads`, or every online core.
    public var threadsToUse: Int { compute.threadsToUse }

    /// Trainings at a time: `jobs`, or one per compute thread. One training per core is the fastest
    /// use of a core (`one-neuron bench` on a 2-core Zen 4 EPYC: ~1800-1900 samples/s on one thread,
    /// ~3000-3300 on two, so two 1-thread trainings do more together); a training takes ~150 MB.
    public var jobsToUse: Int { jobs > 0 ? jobs : threadsToUse }

    /// The configuration (config.json). Excludes what does not change results (jobs, threads,
    /// shard, output folder), so shards and reruns agree. Optional keys are set only when not the
    /// option's default, so a config.json shows what was chosen.
    public var configuration: ExperimentConfig {
        let d = data, t = training, c = compute
        let dataName: String
        switch d.source {
        case .eeg(let dir, _): dataName = "eeg:" + dir.lastPathComponent
        case .data(let url): dataName = url.lastPathComponent
        }
        var config = ExperimentConfig(
            data: dataName, split: d.splitToUse.description, runs: runs, epochs: t.epochs, model: t.model.description,
            loss: loss.description, optimizer: t.optimizer.description, batchSize: t.batchSize, lambda: t.lambda,
            neuronInit: t.neuronInit.rawValue, standardize: t.standardize, seed: t.seed, checkpointEvery: checkpointEvery,
            earlyStoppingPatience: patience, convAlgorithm: c.convolutionAlgorithm.rawValue)
        if case .eeg(_, let layout) = d.source { config.layout = layout.rawValue }
        if d.target != .task { config.target = d.target.rawValue }
        if loss.isMultiClass { config.classes = classes }
        if !d.excludedSessions.isEmpty { config.excludeSessions = d.excludedSessions.map(\.name).joined(separator: ",") }
        if c.portable { config.portable = "avx2" }
        if c.precision != .fp32 { config.precision = c.precision.rawValue }
        if d.validationFraction != 0.2 { config.validationFraction = d.validationFraction }
        config.initWeights = t.initWeights.map { "\($0.lastPathComponent) sha1:\(fileSHA1($0))" }
        if !t.shuffle { config.shuffle = false }
        if t.neuronPerLayer { config.neuronPerLayer = true }
        config.stopStuck = stopStuckAfter
        return config
    }
}

extension ExperimentOptions {
    /// These options checked (each value in range; loss, target, split and data fit together; a
    /// clear message naming the fix otherwise), with `classes` set from the target or the data file.
    public func resolved() throws -> ExperimentOptions {
        guard runs >= 1 else { throw SettingError.valueOutOfRange(.runs, value: "\(runs)", allowed: "positive") }
        guard checkpointEvery >= 1 else { throw SettingError.valueOutOfRange(.checkpointEvery, value: "\(checkpointEvery)", allowed: "positive") }
        guard patience >= 1 else { throw SettingError.valueOutOfRange(.patience, value: "\(patience)", allowed: "positive") }
        guard jobs >= 0 else { throw SettingError.valueOutOfRange(.jobs, value: "\(jobs)", allowed: "positive (or 0: one per thread)") }
        if let stopStuckAfter, stopStuckAfter < 1 {
            throw SettingError.valueOutOfRange(.stopStuck, value: "\(stopStuckAfter)", allowed: "a positive number of epochs, e.g. \(.stopStuck) 20")
        }
        guard shard.count >= 1, (1...shard.count).contains(shard.index) else {
            throw SettingError.valueOutOfRange(.shard, value: "\(shard.index)/\(shard.count)", allowed: "i/n with 1 <= i <= n")
        }
        var o = self
        // Every experiment has an augmented arm.
        o.classes = try data.classes(for: training, augmented: true)
        return o
    }
}
