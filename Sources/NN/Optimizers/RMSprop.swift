/// RMSprop as in Keras 3 (rho 0.9, no momentum, not centered): v = rho*v + (1-rho)*g^2;
/// w -= lr * g / sqrt(v + epsilon). Defaults 0.001, 0.9, 1e-7.
public final class RMSprop: Optimizer {
    public let learningRate: Float, rho: Float, epsilon: Float
    public private(set) var iterations = 0
    private var v: [Float] = []

    public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) {
        self.learningRate = learningRate; self.rho = rho; self.epsilon = epsilon
    }

    public func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>) {
        let n = values.count
        if v.count != n { v = [Float](repeating: 0, count: n) }
        iterations += 1
        let rho = self.rho, lr = learningRate, eps = epsilon
        v.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
                let g = gradients[i]
                v[i] = rho * v[i] + (1 - rho) * g * g
                values[i] -= lr * g / (v[i] + eps).squareRoot()
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
