import Backend
import Foundation
import IO
import Keras
import NN
import Neuron
import Tensor
import Training

/// Everything `one-neuron train` needs.
public struct TrainOptions: Sendable {
    public var data: URL
    public var out: URL
    public var augmented = false
    public var lambda = 0.1
    public var neuronInit = NeuronInit.uniform
    /// With `augmented`: neurons on every hidden layer's output too (fully connected models only).
    public var neuronPerLayer = false
    public var loss = LossSpec.polynomialHinge(power: 3)
    public var optimizer = OptimizerSpec.adam(learningRate: 0.0002)
    public var model = ModelSpec.seedCNN
    public var epochs = 400
    public var batchSize = 128
    public var seed: UInt64 = 1
    public var validationFraction = 0.2
    public var standardize = false
    /// Initial weights (.weights.h5, .keras or .npz) instead of seeded draws; for the augmented model
    /// a file without the neuron's weights sets the base network and the neuron is drawn as usual.
    public var initWeights: URL?
    /// False: batches in file order every epoch (Keras `fit(shuffle=False)`).
    public var shuffle = true
    /// Compute threads; 0: every core (results do not depend on it).
    public var threads = 0
    /// What the convolutions multiply in (bf16 needs AVX512_BF16).
    public var precision = ComputePrecision.fp32
    /// How the convolutions sum (Winograd: AVX-512 and fp32 only).
    public var convolutionAlgorithm = ConvolutionAlgorithm.auto
    public var quiet = false

    public init(data: URL, out: URL) { self.data = data; self.out = out }
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
    if case .softmaxCrossEntropy(fromLogits: false, _) = o.loss, o.augmented {
        throw TrainingError.invalidData("--loss \(o.loss) with --augmented: the neurons would add to softmax probabilities, in which the loss is not convex as the theorem needs; use --loss cce (logits)")
    }
    let arrays = try NPZ.read(from: o.data)
    let loss = o.loss.make(classes: o.loss.isMultiClass ? try DataFile.classCount(of: arrays, url: o.data) : 2)
    var file = try DataFile(arrays: arrays, url: o.data, labels: loss.labels)
    for note in file.notes { log("note: \(note)") }
    if file.xVal == nil {
        let split = try randomSplit(count: file.x.sampleCount, validationFraction: o.validationFraction, seed: o.seed)
        file.xVal = file.x.gatherSamples(split.validation); file.yVal = file.y.gatherSamples(split.validation)
        file.x = file.x.gatherSamples(split.train); file.y = file.y.gatherSamples(split.train)
        log("validation: a seeded random \(o.validationFraction) of the samples (\(split.validation.count) of \(split.train.count + split.validation.count))")
    }
    if o.standardize {
        let s = Standardizer(fitting: file.x)
        file.x = s.apply(file.x); file.xVal = file.xVal.map(s.apply)
        log(String(format: "inputs standardised with training mean %.4g and std %.4g", s.mean, s.std))
    }
    ComputeThreads.setIfAvailable(o.threads)
    let inputShape = Array(file.x.shape.dropFirst())
    let backend = try DNNLBackend(precision: o.precision, algorithm: o.convolutionAlgorithm)
    let base = try o.model.build(inputShape: inputShape, head: loss.head, backend: backend)
    let model: any Model = o.augmented ? try base.augmented(lambda: o.lambda, initialization: o.neuronInit, perLayer: o.neuronPerLayer, backend: backend) : base
    let trainer = try Trainer(model: model, loss: loss, optimizer: o.optimizer.make(), seed: o.seed)
    var kerasLayout: [String: KerasLayerWeights]?
    if let file = o.initWeights {
        let imported = try KerasWeights.load(from: file, into: model.parameters, optionalLayers: (model as? AugmentedModel)?.neurons.count ?? 0,
                                             ignoringNeuronOf: o.augmented ? nil : inputShape.reduce(1, *))
        kerasLayout = imported.kerasLayout
        log("initial weights from \(file.path) (layers matched by \(imported.matchedBy)): sets \(imported.layersSet.joined(separator: ", "))"
            + (imported.layersKept.isEmpty ? "" : "; \(imported.layersKept.joined(separator: ", ")) drawn from seed \(o.seed)")
            + (imported.layersIgnored.isEmpty ? "" : "; the plain network leaves out the file's \(imported.layersIgnored.joined(separator: ", "))"))
    }
    let train = try LabeledData(x: file.x, y: file.y, inputShape: inputShape, labels: loss.labels, name: "\(o.data.lastPathComponent): training data")
    let val = try LabeledData(x: file.xVal!, y: file.yVal!, inputShape: inputShape, labels: loss.labels, name: "\(o.data.lastPathComponent): validation data")
    var callbacks: [any Callback] = []
    var monitor: NeuronMonitor?
    if let augmented = model as? AugmentedModel {
        monitor = NeuronMonitor(model: augmented, training: train)
        callbacks.append(monitor!)
    }
    log("training \(o.augmented ? "augmented " : "")\(o.model) on \(train.count) samples (validation \(val.count)), loss \(loss), \(trainer.optimizer), \(o.epochs) epochs, batch \(o.batchSize), seed \(o.seed)\(o.shuffle ? "" : ", no shuffling")")
    try FileManager.default.createDirectory(at: o.out, withIntermediateDirectories: true)
    let history = try trainer.fit(train, batchSize: o.batchSize, epochs: o.epochs, shuffle: o.shuffle, validation: val, callbacks: callbacks, progress: o.quiet ? .quiet : .auto)
    // The .keras architecture describes neurons on the input only; per-layer models get their weights files.
    let perLayer = o.augmented && o.neuronPerLayer
    let files = ["history.csv", "history.json", "weights.npz", "weights.weights.h5"].map { o.out.appendingPathComponent($0) }
        + (perLayer ? [] : [o.out.appendingPathComponent("model.keras")])
    try history.writeCSV(to: files[0])
    try history.writeJSON(to: files[1])
    try saveWeights(trainer.store.parameters, to: files[2])
    try KerasWeights.save(trainer.store.parameters, to: files[3], layout: kerasLayout)
    if perLayer {
        log("note: no model.keras for neurons per layer (its Keras architecture has neurons on the input only); weights are in weights.npz and weights.weights.h5")
    } else {
        try KerasModelConfig.writeArchive(base, parameters: trainer.store.parameters, neuronLambda: o.augmented ? o.lambda : nil, to: files[4])
    }
    return TrainJobResult(history: history, files: files, warning: monitor?.warning)
}
