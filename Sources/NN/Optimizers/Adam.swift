import CVectorLoops
import Foundation

/// Adam as Keras 3 computes it (`keras/src/optimizers/adam.py`, run eagerly on TensorFlow), bit for bit:
/// every scalar is formed the way Keras forms it from its Python floats, and every tensor operation
/// rounds to float32 in Keras' order:
///   t = float32(step); alpha = lr * sqrt(1 - b2^t) / (1 - b1^t)    (float32: b1, b2 cast, powf)
///   m += (g - m) * float32(1 - beta1); v += (g*g - v) * float32(1 - beta2)   (1 - beta in float64, rounded once)
///   w -= (m * alpha) / (sqrt(v) + epsilon)
/// Defaults 0.001, 0.9, 0.999, 1e-7. Checked against Keras' own updates (OptimizerKerasTests).
public final class Adam: Optimizer {
    /// Keras' settings as the Python floats a user gives.
    public let learningRate: Double, beta1: Double, beta2: Double, epsilon: Double
    public private(set) var iterations = 0
    private var m: [Float] = [], v: [Float] = []

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    /// The step's float32 scale lr * sqrt(1 - b2^t) / (1 - b1^t), as Keras forms it (t counts from 1).
    static func alpha(learningRate: Float, beta1: Float, beta2: Float, step: Int) -> Float {
        let t = Float(step)
        return learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
    }

    public func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>) {
        let n = values.count
        if m.count != n { m = [Float](repeating: 0, count: n); v = m }
        iterations += 1
        let alpha = Adam.alpha(learningRate: Float(learningRate), beta1: Float(beta1), beta2: Float(beta2), step: iterations)
        let c1 = Float(1 - beta1), c2 = Float(1 - beta2), eps = Float(epsilon)
        // In C (CVectorLoops), where the loop vectorizes; the same operations as Keras, in its order.
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                one_neuron_adam_update(values.baseAddress, gradients.baseAddress, m.baseAddress, v.baseAddress, n, c1, c2, alpha, eps)
            }
        }
    }

    public func state() -> [String: [Float]] { ["m": m, "v": v, "iterations": [Float(iterations)]] }

    public func restore(_ state: [String: [Float]]) throws {
        try restoreArray(state, "m", into: &m, optimizer: "Adam")
        try restoreArray(state, "v", into: &v, optimizer: "Adam")
        iterations = Int(state["iterations"]?.first ?? 0)
    }

    public var description: String { "adam(lr=\(learningRate), beta1=\(beta1), beta2=\(beta2), epsilon=\(epsilon))" }
}
