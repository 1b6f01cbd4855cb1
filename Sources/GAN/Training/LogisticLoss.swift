import Foundation

/// The GAN's losses on D's logits l, in float64: -log sigmoid(l) = softplus(-l) for a point labelled
/// real, -log(1 - sigmoid(l)) = softplus(l) for one labelled fake.
enum LogisticLoss {
    /// log(1 + e^t), without overflow.
    static func softplus(_ t: Double) -> Double { t > 0 ? t + log1p(exp(-t)) : log1p(exp(t)) }

    static func sigmoid(_ t: Double) -> Double { t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t)) }

    /// The mean loss of `count` logits all labelled `real` (true) or fake, adding
    /// d(mean loss)/dl into `gradient` (overwriting it).
    static func mean(_ logits: UnsafePointer<Float>, count: Int, real: Bool, gradient: UnsafeMutablePointer<Float>) -> Double {
        var sum = 0.0
        let scale = 1 / Double(count)
        for i in 0..<count {
            let l = Double(logits[i])
            sum += real ? softplus(-l) : softplus(l)
            gradient[i] = Float((sigmoid(l) - (real ? 1 : 0)) * scale)
        }
        return sum * scale
    }
}
