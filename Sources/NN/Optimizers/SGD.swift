/// SGD as in Keras: with momentum, velocity = momentum*velocity - lr*g; w += velocity
/// (Nesterov: w += momentum*velocity - lr*g). Defaults lr 0.01, momentum 0.
public final class SGD: Optimizer {
    public let learningRate: Float, momentum: Float, nesterov: Bool
    public private(set) var iterations = 0
    private var velocity: [Float] = []

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate; self.momentum = momentum; self.nesterov = nesterov
    }

    public func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>) {
        let n = values.count
        iterations += 1
        let lr = learningRate, mu = momentum
        if mu == 0 {
            for i in 0..<n { values[i] -= lr * gradients[i] }
            return
        }
        if velocity.count != n { velocity = [Float](repeating: 0, count: n) }
        velocity.withUnsafeMutableBufferPointer { vel in
            for i in 0..<n {
                vel[i] = mu * vel[i] - lr * gradients[i]
                values[i] += nesterov ? mu * vel[i] - lr * gradients[i] : vel[i]
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
