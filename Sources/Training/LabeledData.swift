import NN
import Tensor

/// Inputs and targets (±1, 0/1, or class indices) checked once before training: shapes agree
/// with the model, every value is finite, every label is in the loss' label set.
public struct LabeledData: Sendable {
    public let x: Tensor
    /// One target per sample (a class index for k-class labels).
    public let y: [Float]
    /// How messages call this data ("training data", "validation data").
    public let name: String
    public var count: Int { y.count }

    /// - Parameter name: how error messages call this data ("training data", "validation data").
    public init(x: Tensor, y: Tensor, inputShape: [Int], labels: LabelSet, name: String) throws {
        guard x.rank >= 1, Array(x.shape.dropFirst()) == inputShape else {
            throw TrainingError.wrongInputShape(data: name, shape: x.shape, sampleShape: inputShape)
        }
        let k = labels.outputsPerSample
        var y = y
        if k > 1, y.shape == [x.sampleCount, k] { y = try LabeledData.classIndices(oneHot: y, name: name) }
        guard y.shape == [x.sampleCount] || y.shape == [x.sampleCount, 1] else {
            throw TrainingError.wrongLabelShape(data: name, shape: y.shape, samples: x.sampleCount, classes: k > 1 ? k : nil)
        }
        guard x.sampleCount > 0 else { throw TrainingError.noSamples(data: name) }
        if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
            let sample = bad / x.sampleSize, offset = bad % x.sampleSize
            throw TrainingError.nonFiniteInput(data: name, sample: sample, value: x.scalars[bad], offset: offset)
        }
        if let bad = y.scalars.firstIndex(where: { !labels.contains($0) }) {
            throw TrainingError.labelNotAllowed(data: name, index: bad, value: y.scalars[bad], labels: labels)
        }
        self.x = x
        self.y = y.scalars
        self.name = name
    }

    /// The class index of each one-hot row of `y` ([N, k]); throws naming the first row that is not one-hot.
    static func classIndices(oneHot y: Tensor, name: String) throws -> Tensor {
        let k = y.shape[1]
        var indices = [Float](repeating: 0, count: y.shape[0])
        for row in 0..<y.shape[0] {
            let values = y.scalars[(row * k)..<((row + 1) * k)]
            guard values.allSatisfy({ $0 == 0 || $0 == 1 }), values.filter({ $0 == 1 }).count == 1 else {
                throw TrainingError.notOneHot(data: name, row: row, values: Array(values))
            }
            indices[row] = Float(values.firstIndex(of: 1)! - values.startIndex)
        }
        return try Tensor(shape: [y.shape[0]], scalars: indices)
    }
}
