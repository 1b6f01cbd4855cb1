import Diagnostics
import Backend
import Foundation
import NN
import Tensor

/// The exponential neuron f_e(x) = a * exp(w . flatten(x) + b) of Liang et al. (2018), with an L2
/// penalty `lambda * a^2` on its scale `a` (Keras convention). With `units` = k > 1 it is k such
/// neurons, one per output unit (Kawaguchi & Kaelbling 2020): output k is
/// a_k * exp(w_k . flatten(x) + b_k), penalty lambda * sum_k a_k^2; `a` and `b` have shape [k] and
/// `w` [inputs, k] (Dense's kernel layout). Written with the public custom-layer API: `w . x + b`
/// runs on the backend's dense kernel; the exponential and the scale are plain Swift.
///
/// float32 `exp` overflows above ~88.72. The forward pass refuses to compute an exponent past
/// that limit and throws `NeuronError.exponentOverflow` instead of producing inf (and NaN from 0 * inf).
public final class ExponentialNeuron: Layer {
    /// Largest exponent whose exp is finite in float32: log(Float.greatestFiniteMagnitude).
    public static let exponentLimit: Float = 88.7228

    public var name: String
    public let lambda: Double
    public let initialization: NeuronInit
    /// Number of neurons: one per output unit of the network it is added to.
    public let units: Int
    public private(set) var a: Parameter!
    public private(set) var w: Parameter!
    public private(set) var b: Parameter!
    public var parameters: [Parameter] { a.map { [$0, w, b] } ?? [] }
    /// Number of inputs (the flattened per-sample size).
    public private(set) var inputs = 0
    /// Largest exponent w.x + b computed since the last `resetTracking()`.
    public private(set) var largestExponent: Float = -.infinity
    private var backend: (any ComputeBackend)!
    private var kernels = KernelCache<any DenseKernel>()
    private let exponents = FloatBuffer()  // z = w.x + b, then exp(z)
    private let gradZ = FloatBuffer()
    private var zeroBias: [Float]  // the dense kernel computes w.x + 0; b is added here

    public init(lambda: Double = 0.1, initialization: NeuronInit = .uniform, units: Int = 1, name: String = "exp_neuron") {
        precondition(units >= 1, "an exponential neuron layer needs at least one unit")
        self.lambda = lambda
        self.initialization = initialization
        self.units = units
        self.name = name
        zeroBias = [Float](repeating: 0, count: units)
    }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        inputs = inputShape.reduce(1, *)
        guard inputs > 0 else { throw TensorError.invalidShape(inputShape, reason: "layer \(name) (ExponentialNeuron) needs a non-empty input") }
        backend = context.backend
        a = Parameter(name: "\(name)/a", shape: [units], initializer: .kerasUniform, regularizer: lambda > 0 ? .l2(lambda) : nil)
        w = Parameter(
            name: "\(name)/w", shape: units == 1 ? [inputs] : [inputs, units], initializer: initialization.weightInitializer(inputs: inputs),
            fans: (inputs, units))
        b = Parameter(name: "\(name)/b", shape: [units], initializer: .kerasUniform)
        return [units]
    }

    private func dot(batch: Int) throws -> any DenseKernel {
        try kernels.kernel(for: batch) { try backend.dense(DenseConfig(batch: batch, inFeatures: inputs, outFeatures: units)) }
    }

    /// Euclidean norm of neuron k's weights w_k (column k of w).
    public func wNorm(unit k: Int) -> Double {
        stride(from: k, to: w.value.count, by: units).reduce(0.0) { $0 + Double(w.value[$1]) * Double(w.value[$1]) }.squareRoot()
    }

    /// Forgets the largest exponent seen (the monitors call this every epoch).
    public func resetTracking() { largestExponent = -.infinity }

    /// Sets the largest exponent seen (a resumed run continues with the one its checkpoint saved).
    public func restoreTracking(largestExponent: Float) { self.largestExponent = largestExponent }

    /// Writes z = w . x + b for every sample (k values per sample) into `output`; returns the
    /// largest z, its sample and its unit.
    @discardableResult
    public func exponents(_ input: Activations, into output: UnsafeMutablePointer<Float>) throws -> (largest: Float, sample: Int, unit: Int) {
        try zeroBias.withUnsafeMutableBufferPointer { zero in
            try dot(batch: input.batchSize).forward(input: input.pointer, weights: w.value.baseAddress!, bias: zero.baseAddress!, output: output)
        }
        var largest = -Float.infinity, worst = 0
        for i in 0..<(input.batchSize * units) {
            output[i] += b.value[i % units]
            if !(output[i] <= largest) { largest = output[i]; worst = i }
        }
        largestExponent = max(largestExponent, largest)
        return (largest, worst / units, worst % units)
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        let count = input.batchSize * units
        exponents.reserve(count)
        let (largest, worst, unit) = try exponents(input, into: exponents.pointer)
        if !(largest <= Self.exponentLimit) {
            throw NeuronError.exponentOverflow(exponent: largest, sample: worst, a: a.value[unit], b: b.value[unit], wNorm: wNorm(unit: unit))
        }
        for i in 0..<count {
            let e = Foundation.exp(exponents.pointer[i])
            exponents.pointer[i] = e
            output.pointer[i] = a.value[i % units] * e
        }
    }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        let n = input.batchSize
        gradZ.reserve(n * units)
        for k in 0..<units {
            let scale = a.value[k]
            var gradA = 0.0
            for s in 0..<n {
                let i = s * units + k
                let e = exponents.pointer[i], dy = gradOutput.pointer[i]
                gradA += Double(dy) * Double(e)
                gradZ.pointer[i] = dy * scale * e
            }
            a.gradient[k] = Float(gradA)
        }
        let kernel = try dot(batch: n)
        kernel.backwardWeights(input: input.pointer, gradOutput: gradZ.pointer, gradWeights: w.gradient.baseAddress!, gradBias: b.gradient.baseAddress!)
        if let gradInput { kernel.backwardData(gradOutput: gradZ.pointer, weights: w.value.baseAddress!, gradInput: gradInput.pointer) }
        // exp(z) below the overflow limit can still make the gradients overflow float32 (e.g. exp(80) * 160 inputs):
        // stop here with the cause rather than let the optimizer turn every weight into NaN.
        if let k = (0..<units).first(where: { !a.gradient[$0].isFinite || !b.gradient[$0].isFinite })
            ?? (w.gradient.firstIndex(where: { !$0.isFinite }).map { $0 % units })
        {
            throw NeuronError.gradientOverflow(exponent: largestExponent, a: a.value[k], b: b.value[k], wNorm: wNorm(unit: k))
        }
    }
}

/// Errors of the exponential neuron, with what to do about them.
public enum NeuronError: SampleLocatedError, SettingsDescribed {
    case exponentOverflow(exponent: Float, sample: Int, a: Float, b: Float, wNorm: Double)
    case gradientOverflow(exponent: Float, a: Float, b: Float, wNorm: Double)

    /// The sample of the batch whose exponent overflowed.
    public var batchSample: Int? {
        if case .exponentOverflow(_, let sample, _, _, _) = self { return sample }
        return nil
    }

    private static let fix: Message =
        "Fix: scale the inputs (e.g. \(.standardize)), start the neuron with \(.neuronInit) zero-w or scaled, or use a larger \(.lambda)."

    public var message: Message {
        switch self {
        case .exponentOverflow(let z, let sample, let a, let b, let wNorm):
            guard !z.isNaN else {
                return "the exponential neuron's exponent w.x + b is NaN (a = \(a), b = \(b), |w| = \(wNorm)): its weights are no longer finite. \(Self.fix)"
            }
            let text = String(
                format:
                    "the exponential neuron's exponent w.x + b reached %.4g on sample %d of the batch (float32 exp overflows above %.2f; a = %.4g, b = %.4g, |w| = %.4g). ",
                z, sample, ExponentialNeuron.exponentLimit, a, b, wNorm)
            return "\(text)\(Self.fix)"
        case .gradientOverflow(let z, let a, let b, let wNorm):
            let text = String(
                format:
                    "the exponential neuron's gradient overflowed float32: its exponent w.x + b reached %.4g (exp = %.3g, times inputs and the loss slope), with a = %.4g, b = %.4g, |w| = %.4g; an update would make every weight NaN. ",
                z, Foundation.exp(Double(z)), a, b, wNorm)
            return "\(text)\(Self.fix)"
        }
    }
}
