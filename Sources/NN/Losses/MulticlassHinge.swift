import Foundation

/// Multi-class polynomial hinge over `classes` outputs (Weston–Watkins form):
/// l(z, y) = sum over j != y of max(0, 1 + z_j - z_y)^p, on k logits z and a class index y.
/// The k-class analogue of the seed's `PolynomialHinge`: convex in the outputs, differentiable
/// for p >= 2, and zero — an attained minimum — once the true class leads every other by a
/// margin of 1. Softmax cross-entropy has no attained minimum (it keeps rewarding larger
/// margins), so with it the exponential neurons can always lower the loss by growing; this loss
/// gives them nothing to gain once the base network separates the data with margin 1.
/// Accuracy is top-1 (the first largest output equals the label).
public struct MulticlassPolynomialHinge: Loss {
    public let classes: Int
    public let power: Int

    public init(classes: Int, power: Int = 3) {
        precondition(classes >= 2, "a multi-class hinge needs at least 2 classes")
        precondition(power >= 1, "polynomial hinge power must be >= 1")
        self.classes = classes; self.power = power
    }

    public var labels: LabelSet { .classes(classes) }
    public var description: String { "mphinge:\(power)" }

    public func evaluate(
        predictions: UnsafePointer<Float>, logits: UnsafePointer<Float>?, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> (loss: Double, correct: Int, fromLogits: Bool) {
        let k = classes, scale = 1.0 / Double(count), p = Double(power)
        var sum = 0.0, correct = 0
        for s in 0..<count {
            let z = predictions + s * k, y = Int(targets[s])
            var gradY = 0.0
            for j in 0..<k where j != y {
                let m = max(0, 1 + Double(z[j]) - Double(z[y]))
                sum += pow(m, p)
                let d = m > 0 ? p * pow(m, p - 1) : 0
                gradient?[s * k + j] = Float(d * scale)
                gradY -= d
            }
            gradient?[s * k + y] = Float(gradY * scale)
            if SoftmaxCrossEntropy.argmax(z, k) == y { correct += 1 }
        }
        return (sum * scale, correct, false)
    }
}
