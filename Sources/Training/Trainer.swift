import Diagnostics
import Foundation
import NN
import Tensor

/// Trains a `Model` on binary (one output) or k-class (k outputs) classification (Keras' compile + fit): the loss, the
/// optimizer and the seeded generators. The weights are the model's own buffers (`model.store`):
/// a trainer borrows them, so two trainers on one model, or a trainer on an augmented model's
/// `base`, train the same weights.
public final class Trainer {
    public let model: any Model
    /// The model's parameter store (borrowed, never copied).
    public var store: ParameterStore { model.store }
    public let loss: any Loss
    public let optimizer: any Optimizer
    /// Set by a callback to end `fit` after the current epoch (or batch).
    public var stopTraining = false
    /// Draws the per-epoch shuffles; saved in checkpoints.
    public var shuffleGenerator: SeededGenerator
    /// Epochs completed over all `fit` calls.
    public private(set) var epochsCompleted = 0
    private let batchX = FloatBuffer(), batchY = FloatBuffer(), lossGradient = FloatBuffer()
    private var lastBatchSize = 0

    /// Unless `initializeWeights` is false (to keep weights a model already has, e.g. a pretrained
    /// base network), initialises every weight of the model from `seed` (weights from `seed`'s
    /// "weights" stream; shuffles always come from its "shuffle" stream).
    public init(model: any Model, loss: any Loss, optimizer: any Optimizer, seed: UInt64, initializeWeights: Bool = true) throws {
        let needed = loss.labels.outputsPerSample
        guard model.outputSize == needed else {
            throw ModelError.outputsMismatch(outputShape: model.outputShape, loss: "\(loss)", needed: needed)
        }
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        let root = SeededGenerator(seed: seed)
        if initializeWeights {
            var weights = root.derived("weights")
            model.store.initialize(using: &weights)
        }
        shuffleGenerator = root.derived("shuffle")
    }

    /// The weight called `name` ("layer/weight").
    public func parameter(named name: String) -> Parameter? { store.parameter(named: name) }

    /// Trains for `epochs` epochs and returns the per-epoch History.
    public func fit(
        x: Tensor, y: Tensor, batchSize: Int = 32, epochs: Int = 1, shuffle: Bool = true,
        validation: (x: Tensor, y: Tensor)? = nil, callbacks: [any Callback] = [],
        progress: ProgressStyle = .auto
    ) throws -> History {
        let train = try LabeledData(x: x, y: y, inputShape: model.inputShape, labels: loss.labels, name: "training data")
        let val = try validation.map { try LabeledData(x: $0.x, y: $0.y, inputShape: model.inputShape, labels: loss.labels, name: "validation data") }
        return try fit(train, batchSize: batchSize, epochs: epochs, shuffle: shuffle, validation: val, callbacks: callbacks, progress: progress)
    }

    /// `fit` on already-checked data. `epochs` counts from the epochs already completed
    /// (so a resumed run continues at `epochsCompleted + 1`).
    public func fit(
        _ train: LabeledData, batchSize: Int, epochs: Int, shuffle: Bool = true, validation: LabeledData? = nil,
        callbacks: [any Callback] = [], progress: ProgressStyle = .auto
    ) throws -> History {
        guard batchSize > 0 else { throw SettingError.valueOutOfRange(.batchSize, value: "\(batchSize)", allowed: "positive") }
        let printer = ProgressPrinter(progress)
        var history = History()
        stopTraining = false
        for c in callbacks { try c.onTrainBegin(trainer: self) }
        let batches = (train.count + batchSize - 1) / batchSize
        while epochsCompleted < epochs && !stopTraining {
            let epoch = epochsCompleted + 1
            for c in callbacks { try c.onEpochBegin(epoch, trainer: self) }
            let start = Date()
            let order = shuffle ? shuffleGenerator.permutation(train.count) : Array(0..<train.count)
            var lossSum = 0.0, correct = 0, seen = 0
            for b in 0..<batches {
                let indices = order[(b * batchSize)..<min((b + 1) * batchSize, train.count)]
                let step: (loss: Double, correct: Int)
                do { step = try trainStep(train, indices: indices) } catch {
                    let sample = (error as? any SampleLocatedError)?.batchSample.flatMap {
                        indices.indices.contains(indices.startIndex + $0) ? indices[indices.startIndex + $0] : nil
                    }
                    throw TrainingError.stepFailed(epoch: epoch, batch: b, sample: sample, underlying: error)
                }
                guard step.loss.isFinite else { throw TrainingError.nonFiniteLoss(epoch: epoch, batch: b, loss: step.loss) }
                lossSum += step.loss * Double(indices.count); correct += step.correct; seen += indices.count
                // Keras 3's batch-end logs: the running means of the epoch so far (sample-weighted), not this batch's values.
                var batchLogs = Logs()
                batchLogs["loss"] = lossSum / Double(seen)
                batchLogs["accuracy"] = Double(correct) / Double(seen)
                for c in callbacks { try c.onBatchEnd(b, epoch: epoch, logs: batchLogs, trainer: self) }
                printer.batch(epoch: epoch, epochs: epochs, batch: b, batches: batches, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen))
                if stopTraining { break }
            }
            var logs = Logs()
            logs["loss"] = lossSum / Double(seen)
            logs["accuracy"] = Double(correct) / Double(seen)
            if let validation {
                let v: (loss: Double, accuracy: Double)
                do { v = try evaluate(validation, batchSize: batchSize) } catch TrainingError.evaluationFailed(let data, _, let sample, let error) {
                    throw TrainingError.evaluationFailed(data: data, epoch: epoch, sample: sample, underlying: error)
                }
                logs["val_loss"] = v.loss
                logs["val_accuracy"] = v.accuracy
            }
            logs["seconds"] = Date().timeIntervalSince(start)
            epochsCompleted = epoch
            for c in callbacks { try c.onEpochEnd(epoch, logs: &logs, trainer: self) }
            history.append(logs)
            printer.epoch(epoch, epochs: epochs, logs: logs)
        }
        for c in callbacks { try c.onTrainEnd(trainer: self) }
        return history
    }

    /// Copies the samples `indices` into the batch buffers.
    private func gather(_ data: LabeledData, _ indices: ArraySlice<Int>) {
        lastBatchSize = indices.count
        let size = model.inputSize
        batchX.reserve(indices.count * size)
        batchY.reserve(indices.count)
        data.x.scalars.withUnsafeBufferPointer { xs in
            for (row, i) in indices.enumerated() {
                (batchX.pointer + row * size).update(from: xs.baseAddress! + i * size, count: size)
                batchY.pointer[row] = data.y[i]
            }
        }
    }

    /// One optimizer step on the samples `indices`; returns the batch loss (with regularisation) and correct count.
    public func trainStep(_ data: LabeledData, indices: ArraySlice<Int>) throws -> (loss: Double, correct: Int) {
        let result = try computeGradients(data, indices: indices)
        if result.loss.isFinite {
            OpProfile.measure(profile, "optimizer step") { optimizer.step(values: store.values, gradients: store.gradients) }
        }
        return result
    }

    /// When set, train steps time their parts into it (`one-neuron bench --profile`); a model that
    /// times its layers (`Sequential.profile`) is given the same profile to time them in the same table.
    public var profile: OpProfile?

    /// The passes of the last train step or gradient computation (nil before the first, or when its loss was not finite).
    public private(set) var lastStep: TrainingStep?

    /// Forward and backward on the samples `indices` without updating weights: afterwards every
    /// parameter's `gradient` holds d(mean loss + regularisation)/d(parameter).
    /// Returns the regularised batch loss and the number of correct predictions.
    @discardableResult
    public func computeGradients(_ data: LabeledData, indices: ArraySlice<Int>) throws -> (loss: Double, correct: Int) {
        let n = indices.count
        OpProfile.measure(profile, "gather batch") { gather(data, indices) }
        lossGradient.reserve(n * model.outputSize)
        lastStep = nil
        let prediction = try model.forward(batchX.pointer, batchSize: n, training: true)
        // From the logits when the model keeps them and the loss can use them (bce on a sigmoid head, as Keras on TensorFlow).
        let result = OpProfile.measure(profile, "loss") {
            loss.evaluate(predictions: prediction.output, logits: prediction.logits, targets: batchY.pointer, count: n, gradient: lossGradient.pointer)
        }
        let total = result.loss + store.regularizationLoss()
        guard total.isFinite else { return (total, result.correct) }
        let gradient: OutputGradient = result.fromLogits ? .logits(lossGradient.pointer) : .output(lossGradient.pointer)
        lastStep = TrainingStep(forward: prediction, backward: try model.backward(gradient, batchSize: n))
        let bad = OpProfile.measure(profile, "regularization + finite-gradient check") { () -> Parameter? in
            store.addRegularizationGradients()
            return store.parameters.first(where: { $0.gradient.contains { !$0.isFinite } })
        }
        if let bad { throw TrainingError.nonFiniteGradient(parameter: bad.name) }
        return (total, result.correct)
    }

    /// Targets of the batch of the last train step or gradient computation (callbacks use it with
    /// `lastStep`, e.g. with an augmented model's base output).
    public var lastBatchTargets: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: batchY.pointer, count: lastBatchSize) }

    /// Mean loss (with regularisation, as Keras reports val_loss) and accuracy over `data` (`Model.evaluate`).
    public func evaluate(_ data: LabeledData, batchSize: Int = 128) throws -> (loss: Double, accuracy: Double) {
        try model.evaluate(data, loss: loss, batchSize: batchSize)
    }

    /// `evaluate` on tensors.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 128) throws -> (loss: Double, accuracy: Double) {
        try evaluate(LabeledData(x: x, y: y, inputShape: model.inputShape, labels: loss.labels, name: "evaluation data"), batchSize: batchSize)
    }

    /// Sets the number of completed epochs (when resuming from a checkpoint).
    public func resume(atEpoch epochs: Int) { epochsCompleted = epochs }
}
