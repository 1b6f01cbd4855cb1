import Foundation

/// A one-hidden-layer ReLU network on a finite sample: f(x) = sum_i c_i relu(w_i.x + beta_i) + gamma,
/// where the hidden biases beta, the output weights c (else all 1) and the output bias gamma are
/// each optional. Parameters, unit by unit: w_i (d), then beta_i, then c_i when present; gamma last.
public struct SampleNetwork: Sendable, Equatable {
    let inputs: Int
    let hidden: Int
    let hiddenBias: Bool
    let outputWeights: Bool
    let outputBias: Bool

    /// Parameters per hidden unit.
    var unitWidth: Int { inputs + (hiddenBias ? 1 : 0) + (outputWeights ? 1 : 0) }
    var parameterCount: Int { hidden * unitWidth + (outputBias ? 1 : 0) }

    /// Start: w = randn(d)/sqrt(d), beta = 0, c = randn/sqrt(h), gamma = 0 (Glorot-like scales).
    func randomStart(_ random: inout StartRandomness, start: Int) -> [Double] {
        var p = [Double]()
        for _ in 0..<hidden {
            p += random.normals(inputs, scale: 1 / Double(inputs).squareRoot())
            if hiddenBias { p.append(0) }
            if outputWeights { p.append(random.normal() / Double(hidden).squareRoot()) }
        }
        if outputBias { p.append(0) }
        return p
    }

    /// `yun-3point` starts: even starts lie near the known local minimum (each parameter moved
    /// by N(0, 0.05^2)), odd starts are `randomStart`. The minimum (Yun, Sra & Jadbabaie 2019):
    /// w_1 = (1, 0), w_2 = (0, 1), beta = (1, 1), c = (1/2, 1/2), gamma = -7/6. Every pre-activation
    /// is positive on the three points, the network is affine there, and its output is the least-
    /// squares affine fit (1/3 at every point, risk 1/3); nearby parameters stay affine, so no
    /// nearby point does better.
    public func yunStart(_ random: inout StartRandomness, start: Int) -> [Double] {
        guard start % 2 == 0 else { return randomStart(&random, start: start) }
        let minimum: [Double] = [1, 0, 1, 0.5, 0, 1, 1, 0.5, -7.0 / 6]
        precondition(minimum.count == parameterCount)
        return minimum.map { $0 + 0.05 * random.normal() }
    }
}

/// The loss of a sample problem.
enum SampleLoss: Sendable, Equatable {
    /// 1/2 sum_t (f(x_t) - y_t)^2 (Yun, Sra & Jadbabaie's risk).
    case halfSquaredSum
    /// 1/m sum_t max(0, 1 - y_t f(x_t))^p, labels in {-1, 1}.
    case polynomialHinge(power: Int)

    /// Loss of one output and its derivative in the output.
    @inline(__always)
    func value(_ f: Double, _ y: Double, count: Int) -> (loss: Double, slope: Double) {
        switch self {
        case .halfSquaredSum:
            return (0.5 * (f - y) * (f - y), f - y)
        case .polynomialHinge(let p):
            let gap = 1 - y * f
            guard gap > 0 else { return (0, 0) }
            let m = Double(count)
            return (pow(gap, Double(p)) / m, -y * Double(p) * pow(gap, Double(p - 1)) / m)
        }
    }
}

/// A finite sample, a network and a loss.
public struct SampleProblem: Sendable {
    public let network: SampleNetwork
    /// Inputs row by row (count x inputs).
    public let x: [Double]
    public let y: [Double]
    let loss: SampleLoss
    /// Success: every margin y f(x) >= `SampleNetworkObjective.marginTarget` (classification), else original loss < 1e-3.
    let marginSuccess: Bool

    public var count: Int { y.count }
}

/// The objective of a sample problem, optionally with the neuron a exp(u.x + b) and lambda a^2.
public final class SampleNetworkObjective: LabObjective {
    public let problem: SampleProblem
    let lambda: Double?
    public let parameterCount: Int
    public let units: [Range<Int>]
    let neuronLayout: NeuronLayout?
    public var neuronLayouts: [NeuronLayout] { neuronLayout.map { [$0] } ?? [] }
    private var outputs: [Double]

    public init(problem: SampleProblem, lambda: Double?) {
        self.problem = problem
        self.lambda = lambda
        let net = problem.network
        var ranges = (0..<net.hidden).map { $0 * net.unitWidth..<($0 + 1) * net.unitWidth }
        if net.outputBias { ranges.append(net.hidden * net.unitWidth..<net.parameterCount) }
        if lambda != nil {
            neuronLayout = NeuronLayout(weights: net.parameterCount..<net.parameterCount + net.inputs)
            ranges.append(net.parameterCount..<net.parameterCount + net.inputs + 2)
            parameterCount = net.parameterCount + net.inputs + 2
        } else {
            neuronLayout = nil
            parameterCount = net.parameterCount
        }
        units = ranges
        outputs = [Double](repeating: 0, count: problem.count)
    }

    /// The original network's output at sample t.
    private func output(_ p: UnsafeBufferPointer<Double>, _ t: Int) -> Double {
        let net = problem.network, d = net.inputs, width = net.unitWidth
        var f = net.outputBias ? p[net.hidden * width] : 0
        for i in 0..<net.hidden {
            let base = i * width
            var z = net.hiddenBias ? p[base + d] : 0
            for e in 0..<d { z += p[base + e] * problem.x[t * d + e] }
            if z > 0 { f += (net.outputWeights ? p[base + width - 1] : 1) * z }
        }
        return f
    }

    public func evaluate(_ p: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>) -> (objective: Double, original: Double) {
        let net = problem.network, d = net.inputs, width = net.unitWidth, m = problem.count
        for i in 0..<parameterCount { g[i] = 0 }
        var original = 0.0, objective = 0.0
        for t in 0..<m {
            let f = output(p, t)
            var total = f
            var neuron = 0.0
            if let layout = neuronLayout {
                var z = p[layout.bias]
                for e in 0..<d { z += p[layout.weights.lowerBound + e] * problem.x[t * d + e] }
                neuron = exp(z)
                total += p[layout.scale] * neuron
            }
            original += problem.loss.value(f, problem.y[t], count: m).loss
            let (value, slope) = problem.loss.value(total, problem.y[t], count: m)
            objective += value
            guard slope != 0 else { continue }
            for i in 0..<net.hidden {
                let base = i * width
                var z = net.hiddenBias ? p[base + d] : 0
                for e in 0..<d { z += p[base + e] * problem.x[t * d + e] }
                guard z > 0 else { continue }
                let c = net.outputWeights ? p[base + width - 1] : 1
                for e in 0..<d { g[base + e] += slope * c * problem.x[t * d + e] }
                if net.hiddenBias { g[base + d] += slope * c }
                if net.outputWeights { g[base + width - 1] += slope * z }
            }
            if net.outputBias { g[net.hidden * width] += slope }
            if let layout = neuronLayout {
                let a = p[layout.scale]
                for e in 0..<d { g[layout.weights.lowerBound + e] += slope * a * neuron * problem.x[t * d + e] }
                g[layout.bias] += slope * a * neuron
                g[layout.scale] += slope * neuron
            }
        }
        if let lambda, let layout = neuronLayout {
            let a = p[layout.scale]
            objective += lambda * a * a
            g[layout.scale] += 2 * lambda * a
        }
        return (objective, original)
    }

    /// The margin a classification run must reach at every training point: the theorem's 1, less
    /// 1%, because gradient descent on the p = 3 polynomial hinge closes the last gap 1 - margin only
    /// like 1/t (the gradient is 3 (1 - margin)^2) and never reaches 1 exactly in finite time.
    static let marginTarget = 0.99

    public func succeeded(_ parameters: [Double], originalLoss: Double) -> Bool {
        guard problem.marginSuccess else { return originalLoss < 1e-3 }
        return parameters.withUnsafeBufferPointer { p in
            (0..<problem.count).allSatisfy { problem.y[$0] * output(p, $0) >= SampleNetworkObjective.marginTarget }
        }
    }
}
