import Foundation
import Tensor

/// How a weight gets its first values (Keras names and semantics).
public enum Initializer: Sendable, Equatable, CustomStringConvertible {
    /// U(-limit, limit) with limit = sqrt(6 / (fanIn + fanOut)); Keras' default for kernels.
    case glorotUniform
    /// All zeros; Keras' default for biases.
    case zeros
    /// U(low, high); Keras' 'uniform' / RandomUniform defaults to (-0.05, 0.05).
    case uniform(low: Float, high: Float)
    /// Every value equal to the constant.
    case constant(Float)
    /// N(mean, std^2) (Keras' RandomNormal; DCGAN/PacGAN weights use std 0.02). Each value takes
    /// two draws from the generator (Box-Muller, the cosine branch, in float64).
    case normal(mean: Float, std: Float)

    /// Keras' 'uniform': U(-0.05, 0.05).
    public static let kerasUniform = Initializer.uniform(low: -0.05, high: 0.05)

    /// Fills `values` drawing from `generator`.
    public func fill(_ values: UnsafeMutableBufferPointer<Float>, fans: (fanIn: Int, fanOut: Int), generator: inout SeededGenerator) {
        switch self {
        case .glorotUniform:
            let limit = Float((6.0 / Double(fans.fanIn + fans.fanOut)).squareRoot())
            for i in values.indices { values[i] = generator.uniform(-limit, limit) }
        case .zeros:
            values.update(repeating: 0)
        case .uniform(let low, let high):
            for i in values.indices { values[i] = generator.uniform(low, high) }
        case .constant(let c):
            values.update(repeating: c)
        case .normal(let mean, let std):
            for i in values.indices { values[i] = mean + std * Float(Initializer.standardNormal(&generator)) }
        }
    }

    public var description: String {
        switch self {
        case .glorotUniform: return "glorot_uniform"
        case .zeros: return "zeros"
        case .uniform(let l, let h): return "uniform(\(l), \(h))"
        case .constant(let c): return "constant(\(c))"
        case .normal(let m, let s): return "normal(\(m), \(s))"
        }
    }

    /// One N(0, 1) value from two uniform draws: sqrt(-2 ln(1 - u1)) cos(2 pi u2) (1 - u1 is in (0, 1]).
    static func standardNormal(_ generator: inout SeededGenerator) -> Double {
        let u1 = generator.unitDouble(), u2 = generator.unitDouble()
        return (-2 * Foundation.log(1 - u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

/// A penalty on a weight added to the loss. Keras convention: `l2(lam)` adds `lam * sum(w^2)`.
public enum Regularizer: Sendable, Equatable, CustomStringConvertible {
    case l2(Double)

    /// The penalty for these values.
    public func penalty(_ values: UnsafeMutableBufferPointer<Float>) -> Double {
        switch self {
        case .l2(let lambda):
            var sum = 0.0
            for v in values { sum += Double(v) * Double(v) }
            return lambda * sum
        }
    }

    /// Adds d(penalty)/d(values) = 2 * lam * w to `gradient`.
    public func addGradient(_ values: UnsafeMutableBufferPointer<Float>, into gradient: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .l2(let lambda):
            let scale = Float(2 * lambda)
            for i in values.indices { gradient[i] += scale * values[i] }
        }
    }

    /// Whether `addGradient` would leave `gradient` exactly zero everywhere (computed as it adds, without writing).
    public func leavesZeroGradient(_ values: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeMutableBufferPointer<Float>) -> Bool {
        switch self {
        case .l2(let lambda):
            let scale = Float(2 * lambda)
            return values.indices.allSatisfy { gradient[$0] + scale * values[$0] == 0 }
        }
    }

    public var description: String {
        switch self {
        case .l2(let l): return "l2(\(l))"
        }
    }
}
