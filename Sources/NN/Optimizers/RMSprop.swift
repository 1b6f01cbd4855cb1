/// RMSprop as Keras 3 computes it (rho 0.9, no momentum, not centered; `keras/src/optimizers/rmsprop.py`
/// run eagerly on TensorFlow), bit for bit:
///   v = float32(rho) * v + float32(1 - rho) * (g*g)   (1 - rho in float64, rounded once)
///   w -= (lr * g) / sqrt(v + epsilon)
/// Defaults 0.001, 0.9, 1e-7. Checked against Keras' own updates (OptimizerKerasTests).
public final class RMSprop: Optimizer {
    /// Keras' settings as the Python floats a user gives.
    public let learningRate: Double, rho: Double, epsilon: Double
    public private(set) var iterations = 0
    private var v: [Float] = []

    public init(learningRate: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-7) {
        self.learningRate = learningRate; self.rho = rho; self.epsilon = epsilon
    }

    public func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>) {
        let n = values.count
        if v.count != n { v = [Float](repeating: 0, count: n) }
        iterations += 1
        let keep = Float(rho), add = Float(1 - rho), lr = Float(learningRate), eps = Float(epsilon)
        v.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
                let g = gradients[i]
                v[i] = keep * v[i] + add * (g * g)
                values[i] -= (lr * g) / (v[i] + eps).squareRoot()
            }
        }
    }

    public func state() -> [String: [Float]] { ["v": v, "iterations": [Float(iterations)]] }

    public func restore(_ state: [String: [Float]]) throws {
        try restoreArray(state, "v", into: &v, optimizer: "RMSprop")
        iterations = Int(state["iterations"]?.first ?? 0)
    }

    public var description: String { "rmsprop(lr=\(learningRate), rho=\(rho), epsilon=\(epsilon))" }
}
