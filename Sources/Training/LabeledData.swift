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
            throw TrainingError.invalidData("\(name): x has shape \(x.shape) but the model takes samples of shape \(inputShape) (expected [N, \(inputShape.map(String.init).joined(separator: ", "))])")
        }
        let k = labels.outputsPerSample
        var y = y
        if k > 1, y.shape == [x.sampleCount, k] { y = try LabeledData.classIndices(oneHot: y, name: name) }
        guard y.shape == [x.sampleCount] || y.shape == [x.sampleCount, 1] else {
            let oneHot = k > 1 ? " or one-hot [\(x.sampleCount), \(k)]" : ""
            throw TrainingError.invalidData("\(name): y has shape \(y.shape) but x has \(x.sampleCount) samples; y must have shape [\(x.sampleCount)] or [\(x.sampleCount), 1]\(oneHot)")
        }
        guard x.sampleCount > 0 else { throw TrainingError.invalidData("\(name): no samples") }
        if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
            let sample = bad / x.sampleSize, offset = bad % x.sampleSize
            throw TrainingError.invalidData("\(name): x[\(sample)] has the non-finite value \(x.scalars[bad]) at flat position \(offset) of the sample; remove or impute NaN/inf values")
        }
        if let bad = y.scalars.firstIndex(where: { !labels.contains($0) }) {
            let hint: String
            switch labels {
            case .plusMinusOne: hint = "map {0, 1} labels to {-1, +1} with y = 2*y - 1"
            case .zeroOne: hint = "map {-1, +1} labels to {0, 1} with y = (y + 1) / 2"
            case .classes(let k): hint = "labels must be whole class indices below the model's \(k) outputs (or one-hot rows of length \(k))"
            }
            throw TrainingError.invalidData("\(name): label y[\(bad)] = \(y.scalars[bad]) is not in \(labels) as this loss needs; \(hint)")
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
                throw TrainingError.invalidData("\(name): row \(row) of the one-hot labels y is \(Array(values)); each row needs exactly one 1 and zeros elsewhere (soft labels are not supported; give class indices instead)")
            }
            indices[row] = Float(values.firstIndex(of: 1)! - values.startIndex)
        }
        return try Tensor(shape: [y.shape[0]], scalars: indices)
    }
}
