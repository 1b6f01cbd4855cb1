import Backend
import EEG
import Foundation
import IO
import NN
import Neuron
import Training

/// Where the images come from.
public enum ExperimentSource: Sendable, Equatable {
    /// The 16 EEG recordings in a folder, turned into images by the notebook pipeline.
    case eeg(directory: URL, layout: EEGImageLayout)
    /// An .npz with x, y (and optionally x_val, y_val, or EEG metadata for the subject/time splits).
    case data(URL)
}

/// How validation data is chosen.
public enum ExperimentSplit: Sendable, Equatable, CustomStringConvertible {
    /// Seeded random 80/20 over frames (the notebook's split; optimistic, see docs/eeg.md).
    case random
    /// Leave one subject out (subject 1...8).
    case subject(Int)
    /// Within every session the last 20% of windows, after a gap.
    case time

    /// Parses "random", "subject", "subject:3", "time".
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first ?? "" {
        case "random": self = .random
        case "time": self = .time
        case "subject":
            let k = parts.count > 1 ? Int(parts[1]) : 1
            guard let k, (1...8).contains(k) else { throw ExperimentError.invalidOption("--split subject:K needs K in 1...8, got '\(text)'") }
            self = .subject(k)
        default: throw ExperimentError.invalidOption("--split must be random, subject[:K] or time, got '\(text)'")
        }
    }

    public var description: String {
        switch self {
        case .random: return "random"
        case .subject(let k): return "subject:\(k)"
        case .time: return "time"
        }
    }
}

/// Every choice of an experiment; all of them are written to config.json and shown in the report.
public struct ExperimentOptions: Sendable {
    public var source: ExperimentSource
    public var out: URL
    public var runs = 5
    public var epochs = 400
    public var split = ExperimentSplit.random
    /// What EEG frames are classified by: the task (familiar vs unfamiliar, the seed's), the
    /// subject (8 classes) or the session (16 classes). EEG data only.
    public var target = EEGTarget.task
    /// EEG sessions whose frames are left out of training and validation (e.g. a session with
    /// recording artifacts). EEG data only.
    public var excludedSessions: [EEGSession] = []
    /// Number of classes the loss sees: 2 for binary losses; for softmax cross-entropy, the EEG
    /// target's classes or, for an .npz, the largest label + 1. Set by `resolved()`.
    public var classes = 2
    public var lambda = 0.1
    public var neuronInit = NeuronInit.uniform
    /// The augmented arm also gets neurons on every hidden layer's output (fully connected models only).
    public var neuronPerLayer = false
    public var standardize = false
    public var model = ModelSpec.seedCNN
    public var loss = LossSpec.polynomialHinge(power: 3)
    public var optimizer = OptimizerSpec.adam(learningRate: 0.0002)
    public var batchSize = 128
    /// Initial weights of every training (.weights.h5, .keras or .npz) instead of seeded draws: a file
    /// with the base network's weights only sets the base, and the augmented arm draws its neuron as usual.
    public var initWeights: URL?
    /// False: batches in file order every epoch (Keras `fit(shuffle=False)`).
    public var shuffle = true
    /// Seed of run r is `seed + r`; the data split uses `seed`.
    public var seed: UInt64 = 1
    /// Trainings run at the same time; 0: one per compute thread (see `jobsToUse`).
    public var jobs = 0
    /// Compute threads shared by the jobs (see `ThreadShare`; results do not depend on it); 0: every core.
    public var totalThreads = 0
    /// Checkpoint every this many epochs.
    public var checkpointEvery = 5
    /// Patience of both early-stopping rules compared in the report.
    public var patience = 20
    /// Stop a training after this many stuck epochs in a row (`StuckStopping`); nil: train every epoch.
    public var stopStuckAfter: Int?
    /// Run only shard `shard.index` of `shard.count` (1-based), for batch schedulers.
    public var shard: (index: Int, count: Int) = (1, 1)
    /// Portable mode: oneDNN capped at AVX2, so results are the same bits on every x86-64 CPU (see `CPUISA`).
    public var portable = false
    /// What the convolutions multiply in: bf16 needs AVX512_BF16 (see `DNNLBackend(precision:)`); changes results.
    public var precision = ComputePrecision.fp32
    /// How the convolutions sum: Winograd needs AVX-512 and fp32 (see `DNNLBackend(precision:algorithm:)`); changes results.
    /// `.auto` (the default) is resolved by `runExperiment`: the folder's recorded algorithm when it has results,
    /// else Winograd where oneDNN has it here, else direct; config.json records the one used.
    public var convolutionAlgorithm = ConvolutionAlgorithm.auto
    public var quiet = false
    /// Testing hook: stop with `ExperimentError.simulatedCrash` after this many epochs in this process.
    public var crashAfterEpochs: Int?

    public init(source: ExperimentSource, out: URL) {
        self.source = source
        self.out = out
    }

    /// The compute threads the experiment uses: `totalThreads`, or every online core.
    public var threadsToUse: Int { totalThreads > 0 ? totalThreads : ComputeThreads.available }

    /// Trainings at a time: `jobs`, or one per compute thread. One training per core is the fastest
    /// use of a core (`one-neuron bench` on a 2-core Zen 4 EPYC: ~1800-1900 samples/s on one thread,
    /// ~3000-3300 on two, so two 1-thread trainings do more together); a training takes ~150 MB.
    public var jobsToUse: Int { jobs > 0 ? jobs : threadsToUse }

    /// The configuration as ordered key/values (config.json). Excludes what does not change results
    /// (jobs, threads, shard, output folder), so shards and reruns agree.
    public var configuration: [(String, String)] {
        var source: [(String, String)]
        switch self.source {
        case .eeg(let dir, let layout): source = [("data", "eeg:" + dir.lastPathComponent), ("layout", layout.rawValue)]
        case .data(let url): source = [("data", url.lastPathComponent)]
        }
        // Recorded only when not the seed's binary task: a config.json without them is the binary task.
        let task: [(String, String)] = (target != .task ? [("target", target.rawValue)] : []) + (loss.isMultiClass ? [("classes", "\(classes)")] : [])
            + (excludedSessions.isEmpty ? [] : [("exclude_sessions", excludedSessions.map(\.name).joined(separator: ","))])
        return source + task + [
            ("split", split.description), ("runs", "\(runs)"), ("epochs", "\(epochs)"), ("model", model.description),
            ("loss", loss.description), ("optimizer", optimizer.description), ("batch_size", "\(batchSize)"), ("lambda", "\(lambda)"),
            ("neuron_init", neuronInit.rawValue), ("standardize", "\(standardize)"), ("seed", "\(seed)"),
            ("checkpoint_every", "\(checkpointEvery)"),
            ("early_stopping_patience", "\(patience)"),
        ] + (portable ? [("portable", "avx2")] : []) + (precision != .fp32 ? [("precision", precision.rawValue)] : [])
            + [("conv_algorithm", convolutionAlgorithm.rawValue)]
            // Recorded only when given: a config.json without them has these options' defaults.
            + (initWeights.map { [("init_weights", "\($0.lastPathComponent) sha1:\(fileSHA1($0))")] } ?? [])
            + (shuffle ? [] : [("shuffle", "false")])
            + (neuronPerLayer ? [("neuron_per_layer", "true")] : [])
            + (stopStuckAfter.map { [("stop_stuck", "\($0)")] } ?? [])
    }
}

extension ExperimentOptions {
    /// These options with `classes` set from the target or the data file, after checking that the
    /// loss, target and split fit together (a clear message naming the fix otherwise).
    public func resolved() throws -> ExperimentOptions {
        var o = self
        if case .softmaxCrossEntropy(fromLogits: false, _) = loss {
            throw ExperimentError.invalidOption("--loss \(loss): the augmented arm adds one neuron to each output, and with a softmax head those outputs are probabilities, in which the loss is not convex as the theorem needs; use --loss cce (the same training for the plain arm: Keras computes a softmax head's loss from its logits too)")
        }
        if neuronPerLayer, case .seedCNN = model {
            throw ExperimentError.invalidOption("--neuron-per-layer is built for fully connected networks; use --model mlp:H1,H2,...")
        }
        switch source {
        case .eeg:
            o.classes = loss.isMultiClass ? target.classCount : 2
            if target.classCount > 2, !loss.isMultiClass {
                throw ExperimentError.invalidOption("--loss \(loss) is a binary loss, but the \(target.rawValue) target has \(target.classCount) classes; use --loss cce (softmax cross-entropy)")
            }
            if case .subject(let k) = split, target != .task {
                throw ExperimentError.invalidOption("--split subject:\(k) holds out subject \(k)'s frames, so the \(target.rawValue) target would validate on classes training never sees; use --split time (leave-time-out within every session)")
            }
        case .data(let url):
            guard target == .task else { throw ExperimentError.invalidOption("--target applies to EEG data (--eeg DIR); an .npz brings its own labels") }
            guard excludedSessions.isEmpty else { throw ExperimentError.invalidOption("--exclude-sessions applies to EEG data (--eeg DIR); leave frames out of an .npz before saving it") }
            o.classes = loss.isMultiClass ? try DataFile.classCount(in: url) : 2
        }
        return o
    }
}

/// The SHA-1 of a file's bytes ("unreadable" when it cannot be read): ties config.json to the
/// initial-weights file, so a rerun with another file of the same name is refused.
func fileSHA1(_ url: URL) -> String {
    guard let data = try? Data(contentsOf: url) else { return "unreadable" }
    var hash = SHA1()
    hash.update(data)
    return hash.finalize()
}

/// Why an experiment could not run.
public enum ExperimentError: Error, CustomStringConvertible {
    case invalidOption(String)
    case mismatchedResults(String)
    case simulatedCrash(epochs: Int)

    public var description: String {
        switch self {
        case .invalidOption(let m): return m
        case .mismatchedResults(let m): return m
        case .simulatedCrash(let n): return "simulated crash after \(n) epochs (testing hook)"
        }
    }
}
