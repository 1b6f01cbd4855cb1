import Foundation

/// Softmax cross-entropy over `classes` outputs with integer class labels, as Keras 3 on TensorFlow
/// computes `categorical_crossentropy` (one-hot labels) and `sparse_categorical_crossentropy`
/// (integer labels) (keras/src/backend/tensorflow/nn.py):
/// - from logits z (`fromLogits`, a linear head; or any model that keeps its softmax's logits,
///   like Keras' `_keras_logits`): `logsumexp(z) - z_y`, gradient `softmax(z) - onehot(y)`;
/// - from probabilities p (a softmax head whose logits are not kept): categorical normalises,
///   then clips, `-log(clip(p_y / sum p, eps, 1 - eps))`; sparse clips each p_j, then normalises,
///   `-log(clip(p_y) / sum_j clip(p_j))`. Clipped values pass no gradient (as `clip_by_value`).
/// Accuracy is top-1: the first largest output (argmax) equals the label.
public struct SoftmaxCrossEntropy: Loss {
    public static let epsilon = 1e-7
    public let classes: Int
    /// The model outputs logits (Keras `from_logits=True`).
    public let fromLogits: Bool
    /// Keras' sparse variant (differs from the categorical one only in where probabilities are clipped).
    public let sparse: Bool

    public init(classes: Int, fromLogits: Bool = true, sparse: Bool = false) {
        precondition(classes >= 2, "softmax cross-entropy needs at least 2 classes")
        self.classes = classes; self.fromLogits = fromLogits; self.sparse = sparse
    }

    public var labels: LabelSet { .classes(classes) }
    public var head: OutputHead { fromLogits ? .logits(classes) : .softmax(classes) }

    public var description: String {
        (sparse ? "sparse_" : "") + "categorical_crossentropy" + (fromLogits ? "(from_logits)" : "")
    }

    /// Index of the first largest of `k` values (tf.argmax's tie rule).
    public static func argmax(_ v: UnsafePointer<Float>, _ k: Int) -> Int {
        var best = 0
        for j in 1..<k where v[j] > v[best] { best = j }
        return best
    }

    public func evaluate(
        predictions: UnsafePointer<Float>, logits: UnsafePointer<Float>?, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> (loss: Double, correct: Int, fromLogits: Bool) {
        let k = classes, scale = 1.0 / Double(count)
        var sum = 0.0, correct = 0
        let source = logits ?? predictions
        let useLogits = logits != nil || fromLogits
        for s in 0..<count {
            let y = Int(targets[s]), row = source + s * k
            let g = gradient.map { $0 + s * k }
            sum += useLogits ? Self.fromLogits(row, k, y, g, scale) : probabilityLoss(row, y, g, scale)
            if Self.argmax(predictions + s * k, k) == y { correct += 1 }
        }
        return (sum * scale, correct, logits != nil)
    }

    /// logsumexp(z) - z_y for one sample; writes (softmax(z) - onehot(y)) * scale into `g`.
    private static func fromLogits(_ z: UnsafePointer<Float>, _ k: Int, _ y: Int, _ g: UnsafeMutablePointer<Float>?, _ scale: Double) -> Double {
        let (top, total) = shiftedExponentialSum(z, k)
        if let g {
            for j in 0..<k { g[j] = Float((exp(Double(z[j]) - top) / total - (j == y ? 1 : 0)) * scale) }
        }
        return top + log(total) - Double(z[y])
    }

    /// The loss of one sample from probabilities (Keras' clipping); writes the scaled gradient into `g`.
    private func probabilityLoss(_ p: UnsafePointer<Float>, _ y: Int, _ g: UnsafeMutablePointer<Float>?, _ scale: Double) -> Double {
        let k = classes, eps = Self.epsilon
        if sparse {
            var total = 0.0
            for j in 0..<k { total += min(max(Double(p[j]), eps), 1 - eps) }
            let py = min(max(Double(p[y]), eps), 1 - eps)
            if let g {
                for j in 0..<k {
                    let passes = Double(p[j]) >= eps && Double(p[j]) <= 1 - eps
                    g[j] = passes ? Float(((j == y ? -1 / py : 0) + 1 / total) * scale) : 0
                }
            }
            return -log(py / total)
        }
        var total = 0.0
        for j in 0..<k { total += Double(p[j]) }
        let q = Double(p[y]) / total
        if let g {
            let passes = q >= eps && q <= 1 - eps
            for j in 0..<k { g[j] = passes ? Float(((j == y ? -1 / Double(p[y]) : 0) + 1 / total) * scale) : 0 }
        }
        return -log(min(max(q, eps), 1 - eps))
    }
}
