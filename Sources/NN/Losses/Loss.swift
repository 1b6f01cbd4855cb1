import Backend
import RealModule
import Tensor

/// Which label values a loss accepts.
public enum LabelSet: Sendable, Hashable, CustomStringConvertible {
    /// Targets in {-1, +1} (hinge family, logistic).
    case plusMinusOne
    /// Targets in {0, 1} (binary cross-entropy).
    case zeroOne
    /// Integer class indices 0..<k (softmax cross-entropy over k outputs; Keras' sparse labels).
    case classes(Int)

    /// Outputs per sample a model needs for these labels: k for k classes, else 1.
    public var outputsPerSample: Int {
        if case .classes(let k) = self { return k }
        return 1
    }

    /// The output head that maps a network onto these labels: tanh for {-1, +1}, sigmoid for
    /// {0, 1}, k logits for k classes.
    public var head: OutputHead {
        switch self {
        case .plusMinusOne: return .tanh
        case .zeroOne: return .sigmoid
        case .classes(let k): return .logits(k)
        }
    }

    public func contains(_ y: Float) -> Bool {
        switch self {
        case .plusMinusOne: return y == -1 || y == 1
        case .zeroOne: return y == 0 || y == 1
        case .classes(let k): return y >= 0 && y < Float(k) && y == y.rounded()
        }
    }

    public var description: String {
        switch self {
        case .plusMinusOne: return "{-1, +1}"
        case .zeroOne: return "{0, 1}"
        case .classes(let k): return "{0, ..., \(k - 1)}"
        }
    }
}

/// A loss on a batch of model outputs, as Keras computes it: the mean over the samples of a
/// per-sample loss, and the number of correct predictions (the accuracy metric).
public protocol Loss: Sendable, CustomStringConvertible {
    var labels: LabelSet { get }
    /// The output head a network needs for this loss (`labels.head` unless the loss says otherwise).
    var head: OutputHead { get }
    /// The mean loss of `count` samples whose outputs (`labels.outputsPerSample` per sample) are
    /// `predictions`, computed from `logits` (a model's `ForwardPass.logits`) when they are given and
    /// this loss uses them, as Keras on TensorFlow does. `gradient` receives dMeanLoss/dLogits in
    /// that case (`fromLogits`), else dMeanLoss/dPrediction. Accuracy is counted on `predictions`.
    /// Sums run in Double.
    func evaluate(
        predictions: UnsafePointer<Float>, logits: UnsafePointer<Float>?, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> (loss: Double, correct: Int, fromLogits: Bool)
}

extension Loss {
    public var head: OutputHead { labels.head }
}

/// A per-sample loss l(y, yhat) for one-output binary classifiers. Implementations give the value
/// and dl/dyhat as generic functions so the tests can check them in float64.
public protocol BinaryLoss: Loss {
    /// l(y, yhat) for one sample.
    func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T
    /// dl/dyhat for one sample.
    func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T
    /// Whether a prediction counts as correct (the accuracy metric).
    func isCorrect(y: Float, prediction: Float) -> Bool
}

/// A binary loss that can also be computed from the logit z of a sigmoid output p = sigmoid(z), as
/// Keras on TensorFlow computes binary cross-entropy on a sigmoid's output.
public protocol LogitLoss: BinaryLoss {
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

extension BinaryLoss {
    public func isCorrect(y: Float, prediction: Float) -> Bool { signMatches(y: y, prediction: prediction) }

    /// Mean loss over `count` samples; when `gradient` is given, writes dMeanLoss/dPrediction there.
    /// Also returns the number of correct predictions. Sums run in Double.
    public func evaluate(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> (loss: Double, correct: Int) {
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

    /// From `logits` when they are given and this is a `LogitLoss`, else from `predictions`.
    public func evaluate(
        predictions: UnsafePointer<Float>, logits: UnsafePointer<Float>?, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> (loss: Double, correct: Int, fromLogits: Bool) {
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
