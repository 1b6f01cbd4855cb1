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

    @Option(help: "Folder with the 16 EEG recordings (ML101_KS.csv ...).") var eeg: String?
    @Option(help: "An .npz with x, y (and optionally x_val, y_val) instead of --eeg.") var data: String?
    @Option(help: "EEG image layout: notebook or band-major.") var layout: EEGImageLayout = .notebook
    @Option(help: "Paired runs (each: plain + augmented).") var runs = 5
    @Option(help: "Epochs per training.") var epochs = 400
    @Option(help: "Validation split: random (the seed's), subject[:K] (leave subject K out), time (leave-time-out within every session) (default: random for the task target, time for subject and session).", transform: ExperimentSplit.init(parsing:))
    var split: ExperimentSplit?
    @Option(help: "What EEG frames are classified by: task (familiar vs unfamiliar, the seed's), subject (8 classes) or session (16 classes).")
    var target: EEGTarget = .task
    @Option(help: ArgumentHelp("EEG sessions to leave out of training and validation, e.g. ML106_US (its recording artifacts); recorded in config.json.", valueName: "names"))
    var excludeSessions: String?
    @Option(help: "L2 penalty on the neuron's scale (Keras lambda*a^2).") var lambda = 0.1
    @Option(help: "Neuron initialisation: uniform (Keras, as the seed), zero-w, scaled.") var neuronInit: NeuronInit = .uniform
    @Flag(help: "The augmented arm gets neurons on every hidden layer's output too, one per output unit each (mlp models).") var neuronPerLayer = false
    @Flag(help: "Z-score inputs with training-set statistics (the seed used raw images).") var standardize = false
    @Option(help: "Model: cnn or mlp:H1,H2,... (default: cnn)", transform: ModelSpec.init(parsing:)) var model: ModelSpec = .seedCNN
    @Option(help: "Loss: phinge:P, hinge, squared_hinge, logistic, bce (two classes); cce, cce:probabilities, scce, scce:probabilities (softmax cross-entropy over K classes, from logits or probabilities) or mphinge:P (multi-class polynomial hinge) (default: phinge:3 for the task target, cce for subject and session).", transform: LossSpec.init(parsing:)) var loss: LossSpec?
    @Option(help: "Optimizer: adam:LR, rmsprop:LR, sgd:LR[:MOMENTUM] (default: adam:0.0002).", transform: OptimizerSpec.init(parsing:))
    var optimizer: OptimizerSpec = .adam(learningRate: 0.0002)
    @Option(help: "Batch size.") var batchSize = 128
    @Option(help: ArgumentHelp("Initial weights of every training: a Keras 3 .weights.h5 or .keras file, or a OneNeuron .npz (layers matched by name, else in order). A file without the neuron sets the base network; the augmented arm draws its neuron from the run seed. Recorded in config.json with the file's SHA-1.", valueName: "file"),
            transform: InitialWeightsFile.init(parsing:)) var initWeights: InitialWeightsFile?
    @Flag(help: "Batches in file order every epoch (Keras fit(shuffle=False)); recorded in config.json.") var noShuffle = false
    @Option(help: "Seed of run r is SEED + r; the split uses SEED.") var seed: UInt64 = 1
    @Option(help: "Trainings at the same time; default: one per compute thread (results do not depend on it).") var jobs: Int?
    @Option(help: "Total compute threads, shared by the jobs; a job's threads go to the others when it runs out of trainings; default: every core (results do not depend on it).") var threads: Int?
    @Option(help: "Checkpoint every N epochs.") var checkpointEvery = 5
    @Option(help: "Patience of the early-stopping rules compared in the report.") var patience = 20
    @Option(help: "Stop a training once it has been stuck (no gradient below some layer in any batch) this many epochs in a row, e.g. 20: it cannot recover once Adam's moments have decayed. Off by default; recorded in config.json; the report says how much time it saves.")
    var stopStuck: Int?
    @Option(help: "Run only shard i of n (e.g. 3/10) for batch schedulers; combine with `one-neuron merge`.") var shard = "1/1"
    @Option(help: "Results folder.") var out: String
    @Flag(help: "Portable results: cap oneDNN at AVX2 so every x86-64 CPU gives the same bits (recorded in config.json; may be slower on AVX-512 CPUs).") var portable = false
    @Option(help: "Convolution precision: fp32, or bf16 (bfloat16 multiplies, float32 accumulation and weights; needs AVX512_BF16; recorded in config.json).")
    var precision: ComputePrecision = .fp32
    @Option(help: "Convolution algorithm: auto (default: winograd where oneDNN has it, i.e. AVX-512 CPUs with fp32, else direct), direct (as Keras), or winograd (fewer multiplies for the 3x3 convolutions with 16+ input channels, about twice the rounding; needs AVX-512 and fp32). The one used is recorded in config.json; a rerun into an existing folder keeps the folder's.")
    var convAlgorithm: ConvolutionAlgorithm = .auto
    @Flag(help: "One line per finished training only.") var quiet = false

    func run() throws {
        let source: ExperimentSource
        switch (eeg, data) {
        case let (dir?, nil): source = .eeg(directory: URL(fileURLWithPath: dir), layout: layout)
        case let (nil, file?): source = .data(URL(fileURLWithPath: file))
        default: throw ValidationError("give exactly one of --eeg DIR or --data FILE.npz")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--shard must look like i/n, e.g. 2/5") }
        var o = ExperimentOptions(source: source, out: URL(fileURLWithPath: out))
        let multiClass = target.classCount > 2
        o.runs = runs; o.epochs = epochs; o.split = split ?? (multiClass ? .time : .random); o.lambda = lambda; o.target = target
        o.excludedSessions = try (excludeSessions ?? "").split(separator: ",").map { try EEGSession(name: String($0).trimmingCharacters(in: .whitespaces)) }
        o.neuronInit = neuronInit; o.neuronPerLayer = neuronPerLayer; o.standardize = standardize; o.model = model
        o.loss = loss ?? (multiClass ? .softmaxCrossEntropy(fromLogits: true, sparse: false) : .polynomialHinge(power: 3))
        o.optimizer = optimizer; o.batchSize = batchSize; o.initWeights = initWeights?.url; o.shuffle = !noShuffle; o.seed = seed; o.jobs = jobs ?? 0; o.totalThreads = threads ?? 0
        o.checkpointEvery = checkpointEvery; o.patience = patience; o.stopStuckAfter = stopStuck; o.shard = (parts[0], parts[1]); o.quiet = quiet; o.portable = portable
        o.precision = precision; o.convolutionAlgorithm = convAlgorithm
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
        let report = try writeExperimentReportFromCommand(folder)
        print("report: \(report.html.path)")
    }
}

/// `one-neuron merge`: combine shard folders into one results folder and write its report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Combine result folders of shards (--shard i/n) into one and write the report.")
    @Argument(help: "Shard result folders.") var folders: [String]
    @Option(help: "Merged results folder.") var out: String

    func run() throws {
        let report = try mergeResults(folders.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out))
        print("merged \(folders.count) folders; report: \(report.html.path)")
    }
}
