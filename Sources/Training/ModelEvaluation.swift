import Diagnostics
import NN
import Tensor

extension Model {
    /// Mean loss (plus the model's regularisation penalties, as Keras' `evaluate` and `val_loss`
    /// report it) and sign accuracy on `data`, in batches of `batchSize`, without changing any
    /// weight. Measures any model alone, e.g. an augmented model's `base`, without a trainer.
    public func evaluate(_ data: LabeledData, loss: any Loss, batchSize: Int = 128) throws -> (loss: Double, accuracy: Double) {
        guard batchSize > 0 else { throw SettingError.valueOutOfRange(.batchSize, value: "\(batchSize)", allowed: "positive") }
        let size = inputSize
        let batchX = FloatBuffer(), batchY = FloatBuffer()
        batchX.reserve(min(batchSize, data.count) * size)
        batchY.reserve(min(batchSize, data.count))
        var lossSum = 0.0, correct = 0
        var start = 0
        while start < data.count {
            let n = min(batchSize, data.count - start)
            data.x.scalars.withUnsafeBufferPointer { xs in
                batchX.pointer.update(from: xs.baseAddress! + start * size, count: n * size)
            }
            for row in 0..<n { batchY.pointer[row] = data.y[start + row] }
            let prediction: ForwardPass
            do { prediction = try forward(batchX.pointer, batchSize: n, training: false) } catch {
                let sample = (error as? any SampleLocatedError)?.batchSample.map { start + $0 }
                throw TrainingError.evaluationFailed(data: data.name, epoch: nil, sample: sample, underlying: error)
            }
            let r = loss.evaluate(predictions: prediction.output, logits: prediction.logits, targets: batchY.pointer, count: n, gradient: nil)
            lossSum += r.loss * Double(n); correct += r.correct
            start += n
        }
        return (lossSum / Double(data.count) + store.regularizationLoss(), Double(correct) / Double(data.count))
    }

    /// `evaluate` on tensors: `x` of shape [N] + inputShape, `y` of shape [N] with labels in the loss' label set.
    public func evaluate(x: Tensor, y: Tensor, loss: any Loss, batchSize: Int = 128) throws -> (loss: Double, accuracy: Double) {
        try evaluate(LabeledData(x: x, y: y, inputShape: inputShape, labels: loss.labels, name: "evaluation data"), loss: loss, batchSize: batchSize)
    }
}
