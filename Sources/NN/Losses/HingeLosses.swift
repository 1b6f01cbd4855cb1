import RealModule

/// Polynomial hinge `max(1 - y*yhat, 0)^p` on targets in {-1, +1} (the seed's loss with p = 3;
/// the theory needs p >= 3).
public struct PolynomialHinge: BinaryLoss {
    public let power: Int
    public init(power: Int = 3) {
        precondition(power >= 1, "polynomial hinge power must be >= 1")
        self.power = power
    }
    public var labels: LabelSet { .plusMinusOne }
    public func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        T.pow(max(1 - y * prediction, 0), power)
    }
    public func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let m = max(1 - y * prediction, 0)
        return m > 0 ? -y * T(power) * T.pow(m, power - 1) : 0
    }
    public var description: String { "phinge:\(power)" }
}

/// Keras `hinge`: `max(1 - y*yhat, 0)`.
public struct Hinge: BinaryLoss {
    public init() {}
    public var labels: LabelSet { .plusMinusOne }
    public func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T { max(1 - y * prediction, 0) }
    public func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        1 - y * prediction > 0 ? -y : 0
    }
    public var description: String { "hinge" }
}

/// Keras `squared_hinge`: `max(1 - y*yhat, 0)^2`.
public struct SquaredHinge: BinaryLoss {
    public init() {}
    public var labels: LabelSet { .plusMinusOne }
    public func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let m = max(1 - y * prediction, 0); return m * m
    }
    public func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let m = max(1 - y * prediction, 0); return -2 * y * m
    }
    public var description: String { "squared_hinge" }
}

/// Logistic loss `log(1 + exp(-y*yhat))` on targets in {-1, +1}, computed without overflow.
public struct Logistic: BinaryLoss {
    public init() {}
    public var labels: LabelSet { .plusMinusOne }
    public func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let z = -y * prediction
        return z > 0 ? z + T.log(onePlus: T.exp(-z)) : T.log(onePlus: T.exp(z))
    }
    public func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let z = -y * prediction
        // d/dyhat = -y * sigmoid(z)
        let s = z >= 0 ? 1 / (1 + T.exp(-z)) : T.exp(z) / (1 + T.exp(z))
        return -y * s
    }
    public var description: String { "logistic" }
}

/// Keras `binary_crossentropy` on {0, 1} targets with a sigmoid head, as Keras 3 on TensorFlow
/// computes it (keras/src/backend/tensorflow/nn.py): when the model keeps the logit z of its sigmoid
/// output (`ForwardPass.logits`), exactly from z, unclipped, as `sigmoid_cross_entropy_with_logits`:
/// `max(z, 0) - z*y + log(1 + exp(-|z|))`, gradient `sigmoid(z) - y`; otherwise (e.g. an augmented
/// model, whose output is a sum) from the probability clipped to [1e-7, 1 - 1e-7], flat outside.
/// Accuracy: prediction > 0.5 matches y == 1 (on the probability either way).
public struct BinaryCrossEntropy: LogitLoss {
    public static let epsilon = 1e-7
    public init() {}
    public var labels: LabelSet { .zeroOne }
    public func value<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let eps = T(Self.epsilon)
        let p = min(max(prediction, eps), 1 - eps)
        return -(y * T.log(p) + (1 - y) * T.log(1 - p))
    }
    public func derivative<T: Real & BinaryFloatingPoint>(y: T, prediction: T) -> T {
        let eps = T(Self.epsilon)
        guard prediction > eps, prediction < 1 - eps else { return 0 }  // clipped: flat
        return -(y / prediction) + (1 - y) / (1 - prediction)
    }
    public func value<T: Real & BinaryFloatingPoint>(y: T, logit z: T) -> T {
        max(z, 0) - z * y + T.log(onePlus: T.exp(-abs(z)))
    }
    public func derivative<T: Real & BinaryFloatingPoint>(y: T, logit z: T) -> T {
        let sigmoid = z >= 0 ? 1 / (1 + T.exp(-z)) : T.exp(z) / (1 + T.exp(z))
        return sigmoid - y
    }
    public func isCorrect(y: Float, prediction: Float) -> Bool { (prediction > 0.5) == (y == 1) }
    public var description: String { "binary_crossentropy" }
}
