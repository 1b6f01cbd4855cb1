import Backend
import Foundation
import IO
import Keras
import NN
import Neuron
import Tensor
import Training

/// Everything `one-neuron train` needs: one training of one arm, through the experiment's data
/// loader and trainer factory.
public struct TrainOptions: Sendable {
    public var data: DataOptions
    public var training = TrainingOptions()
    public var compute = ComputeOptions()
    public var out: URL
    /// Add the exponential neuron (the experiment's augmented arm); false: the plain arm.
    public var augmented = false
    /// No progress output.
    public var quiet = false

    public init(data: URL, out: URL) { self.init(source: .data(data), out: out) }

    public init(source: ExperimentSource, out: URL) { self.init(DataOptions(source: source), out: out) }

    public init(_ data: DataOptions, out: URL) {
        self.data = data
        self.out = out
    }
}

/// What a finished `train` wrote.
public struct TrainJobResult {
    public let history: History
    public let files: [URL]
    public let warning: String?
}

/// Trains a plain or augmented model on an .npz file and writes history.csv, history.json,
/// weights.npz, weights.weights.h5 (Keras 3; in the layout of a Keras initial-weights file) and
/// model.keras (Keras 3 architecture and weights; not for neurons per layer) into `out`.
public func runTrainJob(_ o: TrainOptions, log: (String) -> Void = { print($0) }) throws -> TrainJobResult {
    let classes = try o.data.classes(for: o.training, augmented: o.augmented)
    try o.compute.prepare()
    try o.compute.checkConvolutionAlgorithm()
    let spec = o.data.lossToUse(o.training)
    let loss = spec.make(classes: classes)
    let data = try ExperimentData.load(o.data, standardize: o.training.standardize, seed: o.training.seed, labels: loss.labels, log: log)
    for note in data.notes { log("note: \(note)") }
    ComputeThreads.setIfAvailable(o.compute.threads)
    let factory = TrainerFactory(training: o.training, compute: o.compute, loss: spec, classes: classes, inputShape: data.inputShape)
    let (trainer, base, imported) = try factory.makeTrainer(arm: o.augmented ? .augmented : .plain, seed: o.training.seed)
    let model = trainer.model
    if let file = o.training.initWeights, let imported {
        log(
            "initial weights from \(file.path) (layers matched by \(imported.matchedBy)): sets \(imported.layersSet.joined(separator: ", "))"
                + (imported.layersKept.isEmpty ? "" : "; \(imported.layersKept.joined(separator: ", ")) drawn from seed \(o.training.seed)")
                + (imported.layersIgnored.isEmpty ? "" : "; the plain network leaves out the file's \(imported.layersIgnored.joined(separator: ", "))"))
    }
    var callbacks: [any Callback] = []
    var monitor: NeuronMonitor?
    if let augmented = model as? AugmentedModel {
        monitor = NeuronMonitor(model: augmented, training: data.train)
        callbacks.append(monitor!)
    }
    let t = o.training
    log(
        "training \(o.augmented ? "augmented " : "")\(t.model) on \(data.train.count) samples (validation \(data.validation.count)), loss \(loss), \(trainer.optimizer), \(t.epochs) epochs, batch \(t.batchSize), seed \(t.seed)\(t.shuffle ? "" : ", no shuffling")"
    )
    try FileManager.default.createDirectory(at: o.out, withIntermediateDirectories: true)
    let history = try trainer.fit(
        data.train, batchSize: t.batchSize, epochs: t.epochs, shuffle: t.shuffle, validation: data.validation, callbacks: callbacks,
        progress: o.quiet ? .quiet : .auto)
    // The .keras architecture describes neurons on the input only; per-layer models get their weights files.
    let perLayer = o.augmented && t.neuronPerLayer
    let files =
        ["history.csv", "history.json", "weights.npz", "weights.weights.h5"].map { o.out.appendingPathComponent($0) }
        + (perLayer ? [] : [o.out.appendingPathComponent("model.keras")])
    try history.writeCSV(to: files[0])
    try history.writeJSON(to: files[1])
    try saveWeights(trainer.store.weights, to: files[2])
    try KerasWeights.save(trainer.store.weights, to: files[3], layout: imported?.kerasLayout)
    if perLayer {
        log(
            "note: no model.keras for neurons per layer (its Keras architecture has neurons on the input only); weights are in weights.npz and weights.weights.h5"
        )
    } else {
        try KerasModelConfig.writeArchive(base, parameters: trainer.store.parameters, neuronLambda: o.augmented ? t.lambda : nil, to: files[4])
    }
    return TrainJobResult(history: history, files: files, warning: monitor?.warning)
}
