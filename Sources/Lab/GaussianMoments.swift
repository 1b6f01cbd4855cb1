import Foundation

// The lab's numerics are plain Double loops, not oneDNN: each training has a few hundred
// parameters at most, so a kernel call would cost more than the arithmetic, and plain loops in
// one thread per start give bits that cannot depend on the thread count.

/// Closed-form Gaussian expectations for x ~ N(0, I_d).
///
/// - ReLU kernel (Cho & Saul 2009; Safran & Shamir 2018, Sec. 4):
///   E[relu(w.x) relu(v.x)] = |w||v| (sin t + (pi - t) cos t) / (2 pi), t the angle between w and v,
///   with gradient in w: (|v| sin t w/|w| + (pi - t) v) / (2 pi).
/// - Exponential tilt: E[e^{u.x} g(x)] = e^{|u|^2/2} E[g(x + u)] (complete the square:
///   e^{u.x - |x|^2/2} = e^{|u|^2/2} e^{-|x - u|^2/2}). With g = relu(w.x) and w.x ~ N(0, |w|^2):
///   E[e^{u.x} relu(w.x)] = e^{|u|^2/2} M(w.u, |w|), M(m, s) = m Phi(m/s) + s phi(m/s)
///   (the mean of a rectified normal N(m, s^2)), dM/dm = Phi(m/s), dM/ds = phi(m/s);
///   and E[e^{2u.x}] = e^{2|u|^2}.
public enum GaussianMoments {
    /// 1 / (2 pi).
    static let inverseTwoPi = 1 / (2 * Double.pi)
    static let inverseSqrtTwoPi = 1 / (2 * Double.pi).squareRoot()

    /// The standard normal density.
    @inline(__always)
    static func phi(_ t: Double) -> Double { inverseSqrtTwoPi * exp(-0.5 * t * t) }

    /// The standard normal distribution function (through erfc, accurate in both tails).
    @inline(__always)
    static func Phi(_ t: Double) -> Double { 0.5 * erfc(-t / 2.0.squareRoot()) }

    /// The angle between two vectors from their dot product and norms, clamped to [0, pi].
    @inline(__always)
    static func angle(dot: Double, normProduct: Double) -> Double {
        acos(min(max(dot / normProduct, -1), 1))
    }

    /// E[relu(w.x) relu(v.x)] from |w|, |v| and w.v.
    @inline(__always)
    public static func reluKernel(normW: Double, normV: Double, dot: Double) -> Double {
        let product = normW * normV
        guard product > 0 else { return 0 }
        let t = angle(dot: dot, normProduct: product)
        return product * (sin(t) + (Double.pi - t) * cos(t)) * inverseTwoPi
    }

    /// E[relu(w.x) relu(v.x)] for two vectors.
    public static func reluKernel(_ w: [Double], _ v: [Double]) -> Double {
        reluKernel(normW: norm(w), normV: norm(v), dot: dot(w, v))
    }

    /// E[e^{u.x} relu(w.x)].
    public static func tiltedReLU(u: [Double], w: [Double]) -> Double {
        let normW = norm(w)
        let tilt = exp(0.5 * dot(u, u))
        guard normW > 0 else { return 0 }
        return tilt * rectifiedNormalMean(mean: dot(w, u), sd: normW)
    }

    /// M(m, s) = E[relu(m + s Z)] = m Phi(m/s) + s phi(m/s).
    @inline(__always)
    static func rectifiedNormalMean(mean m: Double, sd s: Double) -> Double {
        let t = m / s
        return m * Phi(t) + s * phi(t)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
}
