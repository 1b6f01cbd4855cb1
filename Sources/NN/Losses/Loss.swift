import Backend
import RealModule
import Tensor

/// Which label values a loss accepts.
public enum LabelSet: String, Sendable, Codable {
    /// Targets in {-1, +1} (hinge family, logistic).
    case plusMinusOne = "{-1, +1}"
    /// Targets in {0, 1} (binary cross-entropy).
    case zeroOne = "{0, 1}"

    /// The output activation that maps a network's output onto these labels: tanh for {-1, +1},
    /// sigmoid for {0, 1}.
    public var headActivation: Activation { self == .zeroOne ? .sigmoid : .tanh }

    public func contains(_ y: Float) -> Bool {
        self == .plusMinusOne ? (y == -1 || y == 1) : (y == 0 || y == 1)
    }
}

/// A per-sample loss l(y, yhat) for one-output binary classifiers; the batch loss is the mean
/// (Keras semantics). Implementations give the value and dl/dyhat as generic functions so the
/// tests can check them in float64.
public protocol Loss: Sendable, CustomStringConvertible {
    var labels: LabelSet { get }
    /// l(y, yhat) for one sample.
    func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T
    /// dl/dyhat for one sample.
    func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T
    /// Whether a prediction counts as correct (the accuracy metric).
    func isCorrect(y: Float, prediction: Float) -> Bool
}

/// Accuracy of the hinge family: sign(y) == sign(yhat), with sign(0) = 0 (the seed's h_accuracy).
public func signMatches(y: Float, prediction: Float) -> Bool {
    func sign(_ v: Float) -> Float { v > 0 ? 1 : (v < 0 ? -1 : 0) }
    return sign(y) == sign(prediction)
}

extension Loss {
    public func isCorrect(y: Float, prediction: Float) -> Bool { signMatches(y: y, prediction: prediction) }

    /// Mean loss over `count` samples; when `gradient` is given, writes dMeanLoss/dPrediction there.
    /// Also returns the number of correct predictions. Sums run in Double.
    public func evaluate(predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
                         gradient: UnsafeMutablePointer<Float>?) -> (loss: Double, correct: Int) {
        var sum = 0.0, correct = 0
        let scale = 1.0 / Double(count)
        for i in 0..<count {
            let y = Double(targets[i]), p = Double(predictions[i])
            sum += value(y: y, prediction: p)
            if let gradient { gradient[i] = Float(derivative(y: y, prediction: p) * scale) }
            if isCorrect(y: targets[i], prediction: predictions[i]) { correct += 1 }
        }
        return (sum * scale, correct)
    }
}
