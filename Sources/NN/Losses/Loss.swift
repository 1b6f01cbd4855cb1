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

/// A loss that can also be computed from the logit z of a sigmoid output p = sigmoid(z), as Keras
/// on TensorFlow computes binary cross-entropy on a sigmoid's output.
public protocol LogitLoss: Loss {
    /// l(y, sigmoid(z)) for one sample, computed from z.
    func value<T: Real & BinaryFloatingPoint>(y: T, logit: T) -> T
    /// dl/dz for one sample.
    func derivative<T: Real & BinaryFloatingPoint>(y: T, logit: T) -> T
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

    /// The mean loss of a model's output, as Keras on TensorFlow computes it: from `logits` (a
    /// model's `outputLogits`) when they are given and this is a `LogitLoss`, else from
    /// `predictions`. `gradient` receives dMeanLoss/dLogits in the first case (`fromLogits`),
    /// dMeanLoss/dPrediction in the second. Accuracy is counted on `predictions` either way.
    public func evaluate(predictions: UnsafePointer<Float>, logits: UnsafePointer<Float>?, targets: UnsafePointer<Float>, count: Int,
                         gradient: UnsafeMutablePointer<Float>?) -> (loss: Double, correct: Int, fromLogits: Bool) {
        guard let logits, let logitLoss = self as? any LogitLoss else {
            let r = evaluate(predictions: predictions, targets: targets, count: count, gradient: gradient)
            return (r.loss, r.correct, false)
        }
        var sum = 0.0, correct = 0
        let scale = 1.0 / Double(count)
        for i in 0..<count {
            let y = Double(targets[i]), z = Double(logits[i])
            sum += logitLoss.value(y: y, logit: z)
            if let gradient { gradient[i] = Float(logitLoss.derivative(y: y, logit: z) * scale) }
            if isCorrect(y: targets[i], prediction: predictions[i]) { correct += 1 }
        }
        return (sum * scale, correct, true)
    }
}
