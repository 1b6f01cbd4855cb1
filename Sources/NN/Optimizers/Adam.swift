import Foundation

/// Adam as in Keras 3: m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
/// w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + epsilon). Defaults 0.001, 0.9, 0.999, 1e-7.
public final class Adam: Optimizer {
    public let learningRate: Float, beta1: Float, beta2: Float, epsilon: Float
    public private(set) var iterations = 0
    private var m: [Float] = [], v: [Float] = []

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    public func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>) {
        let n = values.count
        if m.count != n { m = [Float](repeating: 0, count: n); v = m }
        iterations += 1
        let t = Double(iterations)
        let alpha = Float(Double(learningRate) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
        let b1 = beta1, b2 = beta2, eps = epsilon
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                for i in 0..<n {
                    let g = gradients[i]
                    m[i] = b1 * m[i] + (1 - b1) * g
                    v[i] = b2 * v[i] + (1 - b2) * g * g
                    values[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
                }
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
