import Foundation

/// The population loss of Safran & Shamir (ICML 2018): a student sum_i relu(w_i.x) of k units
/// learns a teacher sum_j relu(v_j.x) of n units, x ~ N(0, I_d), no biases:
///
///   F(W) = 1/2 E[(sum_i relu(w_i.x) - sum_j relu(v_j.x))^2]
///        = 1/2 sum_{i,l} K(w_i, w_l) - sum_{i,j} K(w_i, v_j) + 1/2 sum_{j,m} K(v_j, v_m)
///
/// with K the ReLU kernel of `GaussianMoments`, exact in closed form, and its exact gradient
/// dF/dw_i = w_i/2 + sum_{l != i} dK(w_i, w_l) - sum_j dK(w_i, v_j).
///
/// With the neuron (`lambda` set), the network is f(x) + a exp(u.x + b) and the objective
///   L = F(W) + A S(u) + A^2 e^{2|u|^2} / 2 + lambda a^2,  A = a e^b,
///   S(u) = E[e^{u.x} r(x)] = e^{|u|^2/2} (sum_i M(w_i.u, |w_i|) - sum_j M(v_j.u, |v_j|)),
/// r the residual f - teacher; every term in closed form (see `GaussianMoments`). Its gradient:
///   dL/dw_i += A e^{|u|^2/2} (Phi(t_i) u + phi(t_i) w_i/|w_i|),  t_i = w_i.u/|w_i|
///   dL/du    = A (u S + e^{|u|^2/2} (sum_i Phi(t_i) w_i - sum_j Phi(s_j) v_j)) + 2 A^2 e^{2|u|^2} u
///   dL/db    = A S + A^2 e^{2|u|^2},   dL/da = e^b S + a e^{2b} e^{2|u|^2} + 2 lambda a,
/// so a dL/da - dL/db = 2 lambda a^2 at every point (the identity the theory rests on).
/// Parameters: W row by row (unit i at i*d ..< (i+1)*d), then u (d), b, a.
public final class ReLUTeacherObjective: LabObjective {
    let dimension: Int
    let studentUnits: Int
    /// Teacher weights, row by row (n x d).
    let teacher: [Double]
    let teacherUnits: Int
    /// The neuron's penalty, or nil for the plain network.
    let lambda: Double?
    public let parameterCount: Int
    public let units: [Range<Int>]
    public let neuronLayout: NeuronLayout?
    public var neuronLayouts: [NeuronLayout] { neuronLayout.map { [$0] } ?? [] }
    /// Success threshold of Safran & Shamir: a run is spurious when it stops with F >= 1e-3.
    let successThreshold: Double

    private let teacherNorms: [Double]
    /// Owned copies for the hot loop (no closures, no captured accumulators).
    private let v: UnsafeMutablePointer<Double>
    private let vNorms: UnsafeMutablePointer<Double>
    private let norms: UnsafeMutablePointer<Double>
    /// V = I_d (a faster path, same formulas).
    private let identityTeacher: Bool
    private let teacherConstant: Double

    /// The teacher V = I_n (d = n) of Safran & Shamir, k student units.
    public convenience init(n: Int, k: Int, lambda: Double?, successThreshold: Double = 1e-3) {
        var identity = [Double](repeating: 0, count: n * n)
        for j in 0..<n { identity[j * n + j] = 1 }
        self.init(dimension: n, studentUnits: k, teacher: identity, lambda: lambda, successThreshold: successThreshold)
    }

    public init(dimension d: Int, studentUnits k: Int, teacher: [Double], lambda: Double?, successThreshold: Double = 1e-3) {
        precondition(d > 0 && k > 0 && teacher.count % d == 0)
        dimension = d
        studentUnits = k
        self.teacher = teacher
        teacherUnits = teacher.count / d
        self.lambda = lambda
        self.successThreshold = successThreshold
        var ranges = (0..<k).map { $0 * d..<($0 + 1) * d }
        if lambda != nil {
            neuronLayout = NeuronLayout(weights: k * d..<k * d + d)
            ranges.append(k * d..<k * d + d + 2)
            parameterCount = k * d + d + 2
        } else {
            neuronLayout = nil
            parameterCount = k * d
        }
        units = ranges
        let n = teacher.count / d
        let rows = (0..<n).map { Array(teacher[$0 * d..<($0 + 1) * d]) }
        teacherNorms = rows.map(GaussianMoments.norm)
        var constant = 0.0
        for j in 0..<n { for m in 0..<n { constant += GaussianMoments.reluKernel(rows[j], rows[m]) } }
        teacherConstant = constant / 2
        norms = .allocate(capacity: k)
        norms.initialize(repeating: 0, count: k)
        v = .allocate(capacity: teacher.count)
        v.initialize(from: teacher, count: teacher.count)
        vNorms = .allocate(capacity: n)
        vNorms.initialize(from: teacherNorms, count: n)
        identityTeacher = n == d && (0..<n).allSatisfy { j in (0..<d).allSatisfy { teacher[j * d + $0] == (j == $0 ? 1 : 0) } }
    }

    deinit {
        norms.deallocate()
        v.deallocate()
        vNorms.deallocate()
    }

    public func succeeded(_ parameters: [Double], originalLoss: Double) -> Bool {
        originalLoss < successThreshold
    }

    public func evaluate(_ p: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> (objective: Double, original: Double) {
        let d = dimension, k = studentUnits, n = teacherUnits
        let c = GaussianMoments.inverseTwoPi, pi = Double.pi
        for i in 0..<parameterCount { g[i] = 0 }
        var loss = teacherConstant
        let p = p.baseAddress!, g = g.baseAddress!
        for i in 0..<k {
            let s = dotProduct(p + i * d, p + i * d, d)
            norms[i] = s.squareRoot()
            loss += s / 4
            for e in 0..<d { g[i * d + e] = 0.5 * p[i * d + e] }
        }
        // Student pairs, each once: K(w_i, w_l) counts twice in 1/2 sum_{i,l}.
        for i in 0..<k {
            let ni = norms[i]
            guard ni > 0 else { continue }
            for l in (i + 1)..<max(k, i + 1) {
                let nl = norms[l]
                guard nl > 0 else { continue }
                let dot = dotProduct(p + i * d, p + l * d, d)
                let cosine = min(max(dot / (ni * nl), -1), 1)
                let sine = (1 - cosine * cosine).squareRoot()
                let rest = pi - acos(cosine)
                loss += ni * nl * (sine + rest * cosine) * c
                let si = c * nl * sine / ni, sl = c * ni * sine / nl, r = c * rest
                for e in 0..<d {
                    let wi = p[i * d + e], wl = p[l * d + e]
                    g[i * d + e] += si * wi + r * wl
                    g[l * d + e] += sl * wl + r * wi
                }
            }
            // Teacher terms; for V = I (Safran & Shamir's teacher) w_i.v_j = W[i, j] and |v_j| = 1.
            if identityTeacher {
                var sines = 0.0
                for j in 0..<n {
                    let cosine = min(max(p[i * d + j] / ni, -1), 1)
                    let sine = (1 - cosine * cosine).squareRoot()
                    let rest = pi - acos(cosine)
                    loss -= ni * (sine + rest * cosine) * c
                    sines += sine
                    g[i * d + j] -= c * rest
                }
                let si = c * sines / ni
                for e in 0..<d { g[i * d + e] -= si * p[i * d + e] }
                continue
            }
            for j in 0..<n {
                let nj = vNorms[j]
                guard nj > 0 else { continue }
                let dot = dotProduct(p + i * d, v + j * d, d)
                let cosine = min(max(dot / (ni * nj), -1), 1)
                let sine = (1 - cosine * cosine).squareRoot()
                let rest = pi - acos(cosine)
                loss -= ni * nj * (sine + rest * cosine) * c
                let si = c * nj * sine / ni, r = c * rest
                for e in 0..<d { g[i * d + e] -= si * p[i * d + e] + r * v[j * d + e] }
            }
        }
        guard let lambda, let layout = neuronLayout else { return (loss, loss) }
        return (neuronTerms(p, g, lambda: lambda, layout: layout, original: loss), loss)
    }

    /// Adds the neuron's terms to the gradient `g` (which holds dF/dW) and returns the objective.
    private func neuronTerms(
        _ p: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, lambda: Double,
        layout: NeuronLayout, original: Double
    ) -> Double {
        let d = dimension, k = studentUnits, n = teacherUnits
        let u0 = layout.weights.lowerBound
        let b = p[layout.bias], a = p[layout.scale]
        let uu = dotProduct(p + u0, p + u0, d)
        let tilt = exp(0.5 * uu), tilt4 = exp(2 * uu)
        let eb = exp(b), A = a * eb
        // S/tilt and the Phi-weighted sums (the u-gradient of S without the u S part), stored in g[u] for now.
        var s = 0.0
        for e in 0..<d { g[u0 + e] = 0 }
        for i in 0..<k {
            let ni = norms[i]
            guard ni > 0 else { continue }
            let m = dotProduct(p + i * d, p + u0, d)
            let t = m / ni
            let cdf = GaussianMoments.Phi(t), pdf = GaussianMoments.phi(t)
            s += m * cdf + ni * pdf
            let scaleU = A * tilt * cdf, scaleW = A * tilt * pdf / ni
            for e in 0..<d {
                g[i * d + e] += scaleU * p[u0 + e] + scaleW * p[i * d + e]
                g[u0 + e] += cdf * p[i * d + e]
            }
        }
        for j in 0..<n {
            let nj = vNorms[j]
            guard nj > 0 else { continue }
            let m = dotProduct(v + j * d, p + u0, d)
            let t = m / nj
            let cdf = GaussianMoments.Phi(t)
            s -= m * cdf + nj * GaussianMoments.phi(t)
            for e in 0..<d { g[u0 + e] -= cdf * v[j * d + e] }
        }
        let S = tilt * s
        let square = A * A * tilt4
        for e in 0..<d { g[u0 + e] = A * (p[u0 + e] * S + tilt * g[u0 + e]) + 2 * square * p[u0 + e] }
        g[layout.bias] = A * S + square
        g[layout.scale] = eb * S + a * eb * eb * tilt4 + 2 * lambda * a
        return original + A * S + 0.5 * square + lambda * a * a
    }
}

/// sum_e a[e] b[e] with four partial sums (a fixed order, so the same bits on every thread; the
/// four independent chains let the CPU overlap the additions).
@inline(__always)
func dotProduct(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var e = 0
    while e + 4 <= count {
        s0 += a[e] * b[e]
        s1 += a[e + 1] * b[e + 1]
        s2 += a[e + 2] * b[e + 2]
        s3 += a[e + 3] * b[e + 3]
        e += 4
    }
    while e < count {
        s0 += a[e] * b[e]
        e += 1
    }
    return (s0 + s1) + (s2 + s3)
}
