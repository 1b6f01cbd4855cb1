/// SGD as Keras 3 computes it (`keras/src/optimizers/sgd.py` run eagerly on TensorFlow), bit for bit:
/// with momentum, m = m * float32(momentum) - g * lr; w += m (Nesterov: w += m * momentum - g * lr);
/// without, w -= g * lr. Defaults lr 0.01, momentum 0. Checked against Keras' own updates (OptimizerKerasTests).
public final class SGD: Optimizer {
    /// Keras' settings as the Python floats a user gives.
    public let learningRate: Double, momentum: Double, nesterov: Bool
    public private(set) var iterations = 0
    private var velocity: [Float] = []

    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
        self.learningRate = learningRate; self.momentum = momentum; self.nesterov = nesterov
    }

    public func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>) {
        let n = values.count
        iterations += 1
        let lr = Float(learningRate), mu = Float(momentum)
        if momentum == 0 {
            for i in 0..<n { values[i] -= gradients[i] * lr }
            return
        }
        if velocity.count != n { velocity = [Float](repeating: 0, count: n) }
        velocity.withUnsafeMutableBufferPointer { vel in
            for i in 0..<n {
                vel[i] = vel[i] * mu - gradients[i] * lr
                values[i] += nesterov ? vel[i] * mu - gradients[i] * lr : vel[i]
            }
        }
    }

    public func state() -> [String: [Float]] { ["velocity": velocity, "iterations": [Float(iterations)]] }

    public func restore(_ state: [String: [Float]]) throws {
        try restoreArray(state, "velocity", into: &velocity, optimizer: "SGD")
        iterations = Int(state["iterations"]?.first ?? 0)
    }

    public var description: String { "sgd(lr=\(learningRate), momentum=\(momentum)\(nesterov ? ", nesterov" : ""))" }
}
