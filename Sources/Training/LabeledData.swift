import NN
import Tensor

/// Inputs and ±1 / 0-1 targets checked once before training: shapes agree with the model,
/// every value is finite, every label is in the loss' label set.
public struct LabeledData: Sendable {
    public let x: Tensor
    /// One target per sample.
    public let y: [Float]
    public var count: Int { y.count }

    /// - Parameter name: how error messages call this data ("training data", "validation data").
    public init(x: Tensor, y: Tensor, inputShape: [Int], labels: LabelSet, name: String) throws {
        guard x.rank >= 1, Array(x.shape.dropFirst()) == inputShape else {
            throw TrainingError.invalidData("\(name): x has shape \(x.shape) but the model takes samples of shape \(inputShape) (expected [N, \(inputShape.map(String.init).joined(separator: ", "))])")
        }
        guard y.shape == [x.sampleCount] || y.shape == [x.sampleCount, 1] else {
            throw TrainingError.invalidData("\(name): y has shape \(y.shape) but x has \(x.sampleCount) samples; y must have shape [\(x.sampleCount)] or [\(x.sampleCount), 1]")
        }
        guard x.sampleCount > 0 else { throw TrainingError.invalidData("\(name): no samples") }
        if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
            let sample = bad / x.sampleSize, offset = bad % x.sampleSize
            throw TrainingError.invalidData("\(name): x[\(sample)] has the non-finite value \(x.scalars[bad]) at flat position \(offset) of the sample; remove or impute NaN/inf values")
        }
        if let bad = y.scalars.firstIndex(where: { !labels.contains($0) }) {
            let hint = labels == .plusMinusOne ? "map {0, 1} labels to {-1, +1} with y = 2*y - 1" : "map {-1, +1} labels to {0, 1} with y = (y + 1) / 2"
            throw TrainingError.invalidData("\(name): label y[\(bad)] = \(y.scalars[bad]) is not in \(labels.rawValue) as this loss needs; \(hint)")
        }
        self.x = x
        self.y = y.scalars
    }
}
