import Foundation

/// A one-hidden-layer ReLU network with C outputs on a finite sample:
///   f_k(x) = sum_i c_ik relu(w_i.x + beta_i) + gamma_k,   k = 0 ..< C.
/// Parameters, hidden unit by hidden unit: w_i (d), beta_i, then c_i0 ... c_i(C-1); the output
/// biases gamma_0 ... gamma_(C-1) last.
public struct MultiOutputNetwork: Sendable, Equatable {
    let inputs: Int
    public let hidden: Int
    let outputs: Int

    init(inputs: Int, hidden: Int, outputs: Int) {
        precondition(inputs > 0 && hidden > 0 && outputs > 0)
        self.inputs = inputs
        self.hidden = hidden
        self.outputs = outputs
    }

    /// Parameters per hidden unit: w_i, beta_i and its C output weights.
    public var unitWidth: Int { inputs + 1 + outputs }
    public var parameterCount: Int { hidden * unitWidth + outputs }

    /// Start (the scales of `SampleNetwork.randomStart`): w = randn(d)/sqrt(d), beta = 0,
    /// c_i = randn(C)/sqrt(h), gamma = 0; drawn unit by unit (w_i, then c_i).
    func randomStart(_ random: inout StartRandomness) -> [Double] {
        var p = [Double]()
        p.reserveCapacity(parameterCount)
        for _ in 0..<hidden {
            p += random.normals(inputs, scale: 1 / Double(inputs).squareRoot())
            p.append(0)
            p += random.normals(outputs, scale: 1 / Double(hidden).squareRoot())
        }
        p += [Double](repeating: 0, count: outputs)
        return p
    }
}

/// A finite sample with C targets per point (for a classification task, one-hot class labels).
public struct MultiOutputProblem: Sendable {
    public let network: MultiOutputNetwork
    /// Inputs row by row (count x inputs).
    public let x: [Double]
    /// Targets row by row (count x outputs).
    public let y: [Double]

    init(network: MultiOutputNetwork, x: [Double], y: [Double]) {
        precondition(x.count % network.inputs == 0 && y.count == x.count / network.inputs * network.outputs)
        self.network = network
        self.x = x
        self.y = y
    }

    public var count: Int { x.count / network.inputs }
}

/// The squared-loss objective of a `MultiOutputProblem`, the risk
///   R = 1/2 sum_t sum_k (f_k(x_t) - y_tk)^2
/// (convex in the outputs, 0 exactly when every target is fitted), optionally with one
/// exponential neuron per output unit (Kawaguchi & Kaelbling 2020's construction, as implemented
/// here): output k becomes f_k(x) + a_k exp(w_k.x + b_k), each neuron with its own w_k (d), b_k
/// and a_k on the raw input, and the objective
///   L = 1/2 sum_t sum_k (f_k(x_t) + a_k exp(w_k.x_t + b_k) - y_tk)^2 + lambda sum_k a_k^2.
/// With r_tk the residual of output k at x_t and e_tk = exp(w_k.x_t + b_k):
///   dL/da_k = sum_t r_tk e_tk + 2 lambda a_k,   dL/db_k = sum_t r_tk a_k e_tk,
/// so a_k dL/da_k - dL/db_k = 2 lambda a_k^2 for every k at every parameter value (hence a_k = 0 at
/// any critical point with lambda > 0). Neuron k's parameters follow the network's, k by k:
/// w_k (d), b_k, a_k (`neuronLayouts[k]`). The original loss is R of the network alone.
public final class MultiOutputObjective: LabObjective {
    public let problem: MultiOutputProblem
    let lambda: Double?
    public let parameterCount: Int
    /// Each hidden unit (w_i, beta_i, c_i), the output biases gamma as one unit, each neuron's (w_k, b_k, a_k).
    public let units: [Range<Int>]
    public let neuronLayouts: [NeuronLayout]
    /// Success: the original network's risk below this.
    static let successThreshold = 1e-3

    // Scratch, owned (one objective per thread): pre-activations, outputs, residuals, neuron values.
    private let preactivations: UnsafeMutablePointer<Double>
    private let residuals: UnsafeMutablePointer<Double>
    private let exponentials: UnsafeMutablePointer<Double>
    private let x: UnsafeMutablePointer<Double>
    private let y: UnsafeMutablePointer<Double>

    public init(problem: MultiOutputProblem, lambda: Double?) {
        self.problem = problem
        self.lambda = lambda
        let net = problem.network, d = net.inputs, base = net.parameterCount
        var ranges = (0..<net.hidden).map { $0 * net.unitWidth..<($0 + 1) * net.unitWidth }
        ranges.append(net.hidden * net.unitWidth..<base)
        if lambda != nil {
            neuronLayouts = (0..<net.outputs).map { k in NeuronLayout(weights: base + k * (d + 2)..<base + k * (d + 2) + d) }
            ranges += (0..<net.outputs).map { k in base + k * (d + 2)..<base + (k + 1) * (d + 2) }
            parameterCount = base + net.outputs * (d + 2)
        } else {
            neuronLayouts = []
            parameterCount = base
        }
        units = ranges
        preactivations = .allocate(capacity: net.hidden)
        preactivations.initialize(repeating: 0, count: net.hidden)
        residuals = .allocate(capacity: net.outputs)
        residuals.initialize(repeating: 0, count: net.outputs)
        exponentials = .allocate(capacity: net.outputs)
        exponentials.initialize(repeating: 0, count: net.outputs)
        x = .allocate(capacity: problem.x.count)
        x.initialize(from: problem.x, count: problem.x.count)
        y = .allocate(capacity: problem.y.count)
        y.initialize(from: problem.y, count: problem.y.count)
    }

    deinit {
        preactivations.deallocate()
        residuals.deallocate()
        exponentials.deallocate()
        x.deallocate()
        y.deallocate()
    }

    /// The original network's outputs at sample t into `residuals` (as outputs, not yet residuals),
    /// and its pre-activations into `preactivations`.
    @inline(__always)
    private func forward(_ p: UnsafePointer<Double>, _ t: Int) {
        let net = problem.network, d = net.inputs, width = net.unitWidth, outputs = net.outputs
        let xt = x + t * d
        let gamma = p + net.hidden * width
        for k in 0..<outputs { residuals[k] = gamma[k] }
        for i in 0..<net.hidden {
            let unit = p + i * width
            var z = unit[d]
            for e in 0..<d { z += unit[e] * xt[e] }
            preactivations[i] = z
            guard z > 0 else { continue }
            for k in 0..<outputs { residuals[k] += unit[d + 1 + k] * z }
        }
    }

    public func evaluate(_ parameters: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> (objective: Double, original: Double) {
        let net = problem.network, d = net.inputs, width = net.unitWidth, outputs = net.outputs, m = problem.count
        let p = parameters.baseAddress!, g = gradient.baseAddress!
        for i in 0..<parameterCount { g[i] = 0 }
        let neurons = !neuronLayouts.isEmpty
        var original = 0.0, objective = 0.0
        for t in 0..<m {
            forward(p, t)
            let xt = x + t * d, yt = y + t * outputs
            for k in 0..<outputs {
                let r = residuals[k] - yt[k]
                original += 0.5 * r * r
                guard neurons else {
                    residuals[k] = r
                    continue
                }
                let neuron = p + neuronLayouts[k].weights.lowerBound
                var z = neuron[d]
                for e in 0..<d { z += neuron[e] * xt[e] }
                let e = exp(z)
                exponentials[k] = e
                residuals[k] = r + neuron[d + 1] * e
            }
            for k in 0..<outputs { objective += 0.5 * residuals[k] * residuals[k] }
            for i in 0..<net.hidden {
                let z = preactivations[i]
                guard z > 0 else { continue }
                let unit = p + i * width, gu = g + i * width
                var s = 0.0
                for k in 0..<outputs {
                    s += residuals[k] * unit[d + 1 + k]
                    gu[d + 1 + k] += residuals[k] * z
                }
                for e in 0..<d { gu[e] += s * xt[e] }
                gu[d] += s
            }
            let gGamma = g + net.hidden * width
            for k in 0..<outputs { gGamma[k] += residuals[k] }
            guard neurons else { continue }
            for k in 0..<outputs {
                let offset = neuronLayouts[k].weights.lowerBound
                let a = p[offset + d + 1], e = exponentials[k], r = residuals[k]
                let slope = r * a * e
                for j in 0..<d { g[offset + j] += slope * xt[j] }
                g[offset + d] += slope
                g[offset + d + 1] += r * e
            }
        }
        if let lambda {
            for layout in neuronLayouts {
                let a = p[layout.scale]
                objective += lambda * a * a
                g[layout.scale] += 2 * lambda * a
            }
        }
        return (objective, original)
    }

    public func succeeded(_ parameters: [Double], originalLoss: Double) -> Bool {
        originalLoss < MultiOutputObjective.successThreshold
    }

    /// The original network's outputs at every sample point (count x outputs), for tests and inspection.
    func outputs(_ parameters: [Double]) -> [Double] {
        let net = problem.network
        var values: [Double] = []
        parameters.withUnsafeBufferPointer { p in
            for t in 0..<problem.count {
                forward(p.baseAddress!, t)
                for k in 0..<net.outputs { values.append(residuals[k]) }
            }
        }
        return values
    }

    /// The fraction of sample points whose largest original output is at the largest target (the
    /// training accuracy of a one-hot classification task; ties count as wrong).
    public func accuracy(_ parameters: [Double]) -> Double {
        let net = problem.network, values = outputs(parameters)
        var right = 0
        for t in 0..<problem.count {
            let row = values[t * net.outputs..<(t + 1) * net.outputs]
            let target = problem.y[t * net.outputs..<(t + 1) * net.outputs]
            let label = target.indices.max { target[$0] < target[$1] }!
            if row.indices.allSatisfy({ $0 == label || row[$0] < row[label] }) { right += 1 }
        }
        return Double(right) / Double(problem.count)
    }
}
