import Foundation
import NN
import Training

/// Records, every epoch, what tells whether the theorem's promise is happening in a run:
/// `a`, `b`, `w_norm`, `neuron_max` (largest |a exp(w.x+b)| over the training set), `f0_loss` and
/// `f0_accuracy` (the base network alone, averaged over the epoch's batches like `loss`),
/// `identity_residual` (relative residual of a dL/da - dL/db = 2 lam a^2 on a fixed batch: it holds
/// at every parameter value, so it checks the gradient code live) and `diverging` (1 when the
/// `DivergenceDetector` sees the path to infinity). Prints a plain-language warning the first time.
///
/// With several neurons (one per output unit, and per layer in the per-layer variant) every
/// quantity is measured per neuron and logged as `a[i]`, `b[i]`, `w_norm[i]`,
/// `identity_residual[i]`, `diverging[i]` (i runs over the input layer's neurons, then each tapped
/// layer's); the plain keys then summarise: `a`, `b`, `w_norm` of the neuron with the largest |a|
/// (the one farthest from vanishing), the largest `neuron_max` and `identity_residual`,
/// `diverging` when any neuron is. A tapped layer's `neuron_max` uses the largest exponent seen
/// in the epoch's training batches (its input is a hidden layer, not the data).
public final class NeuronMonitor: StatefulCallback {
    public let model: AugmentedModel
    public let training: LabeledData
    public var detector = DivergenceDetector()
    /// Set when divergence was first detected: the warning text.
    public private(set) var warning: String?
    /// Print the warning to standard error when it first appears.
    public var printWarnings = true
    private var f0LossSum = 0.0, f0Correct = 0, f0Seen = 0
    /// Per neuron, per epoch: a_k, b_k and |(w_k, b_k)|.
    private var scales: [[Double]], biases: [[Double]], norms: [[Double]]
    private var z: [Float] = []

    public init(model: AugmentedModel, training: LabeledData) {
        self.model = model
        self.training = training
        let empty = [[Double]](repeating: [], count: model.neurons.reduce(0) { $0 + $1.units })
        scales = empty; biases = empty; norms = empty
    }

    /// What the monitor remembers across epochs (saved in checkpoints so a resumed run flags the
    /// same epochs): per-epoch series, one per neuron (a single neuron's series are stored flat: one array per key, not an array of arrays).
    public struct State: Codable, Sendable, Equatable {
        public var scales: [[Double]], biases: [[Double]], norms: [[Double]]
        public var warning: String?

        public init(scales: [[Double]], biases: [[Double]], norms: [[Double]], warning: String?) {
            self.scales = scales; self.biases = biases; self.norms = norms; self.warning = warning
        }

        private enum CodingKeys: String, CodingKey { case scales, biases, norms, warning }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func series(_ key: CodingKeys) throws -> [[Double]] {
                if let flat = try? c.decode([Double].self, forKey: key) { return [flat] }
                return try c.decode([[Double]].self, forKey: key)
            }
            scales = try series(.scales); biases = try series(.biases); norms = try series(.norms)
            warning = try c.decodeIfPresent(String.self, forKey: .warning)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if scales.count == 1 {
                try c.encode(scales[0], forKey: .scales); try c.encode(biases[0], forKey: .biases); try c.encode(norms[0], forKey: .norms)
            } else {
                try c.encode(scales, forKey: .scales); try c.encode(biases, forKey: .biases); try c.encode(norms, forKey: .norms)
            }
            try c.encodeIfPresent(warning, forKey: .warning)
        }
    }

    public var state: State { State(scales: scales, biases: biases, norms: norms, warning: warning) }

    public func restore(_ state: State) {
        scales = state.scales; biases = state.biases; norms = state.norms; warning = state.warning
    }

    public func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {
        f0LossSum = 0; f0Correct = 0; f0Seen = 0
        for n in model.neurons { n.resetTracking() }
    }

    public func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws {
        guard let f0 = trainer.lastStep?.forward.base else { return }
        let targets = trainer.lastBatchTargets
        let r = trainer.loss.evaluate(predictions: f0.output, logits: f0.logits, targets: targets.baseAddress!, count: targets.count, gradient: nil)
        f0LossSum += r.loss * Double(targets.count); f0Correct += r.correct; f0Seen += targets.count
    }

    /// Every neuron as (layer, unit), in log order.
    private var units: [(layer: ExponentialNeuron, unit: Int)] {
        model.neurons.flatMap { layer in (0..<layer.units).map { (layer, $0) } }
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        let all = units, count = all.count
        let inputLargest = try largestExponents()
        let largest = all.map { $0.layer === model.neuron ? inputLargest[$0.unit] : $0.layer.largestExponent }
        let residuals = try identityResiduals(trainer)
        var diverging = [Bool](repeating: false, count: count)
        for (i, (layer, k)) in all.enumerated() {
            let a = Double(layer.a.value[k]), b = Double(layer.b.value[k]), wNorm = layer.wNorm(unit: k)
            scales[i].append(a); biases[i].append(b); norms[i].append((wNorm * wNorm + b * b).squareRoot())
            diverging[i] = detector.isDiverging(scale: scales[i], bias: biases[i], weightNorm: norms[i])
            if count > 1 {
                logs["a[\(i)]"] = a; logs["b[\(i)]"] = b; logs["w_norm[\(i)]"] = wNorm
                logs["identity_residual[\(i)]"] = residuals[i]; logs["diverging[\(i)]"] = diverging[i] ? 1 : 0
            }
        }
        let lead = all.indices.max { abs(all[$0].layer.a.value[all[$0].unit]) < abs(all[$1].layer.a.value[all[$1].unit]) }!
        let (leadLayer, leadUnit) = all[lead]
        logs["a"] = Double(leadLayer.a.value[leadUnit])
        logs["b"] = Double(leadLayer.b.value[leadUnit])
        logs["w_norm"] = leadLayer.wNorm(unit: leadUnit)
        logs["neuron_max"] = all.indices.map { abs(Double(all[$0].layer.a.value[all[$0].unit])) * Foundation.exp(Double(largest[$0])) }.max()!
        if f0Seen > 0 {
            logs["f0_loss"] = f0LossSum / Double(f0Seen)
            logs["f0_accuracy"] = Double(f0Correct) / Double(f0Seen)
        }
        logs["identity_residual"] = residuals.max()!
        if count > 1, scales[0].count >= 2 {
            logs["a_change"] = scales.map { abs($0[$0.count - 1] - $0[$0.count - 2]) }.max()!
        }
        logs["diverging"] = diverging.contains(true) ? 1 : 0
        if let i = diverging.firstIndex(of: true), warning == nil {
            let w = detector.window, a = scales[i], b = biases[i], r = norms[i]
            let which = count > 1 ? " \(i) (of \(count): \(all[i].layer.name), output \(all[i].unit))" : ""
            let text =
                String(
                    format:
                        "epoch %d: the exponential neuron%@ is drifting: over the last %d epochs |a| went from %.3g to %.3g, b from %.3g to %.3g and |(w, b)| from %.3g to %.3g. ",
                    epoch, which, w, abs(a[a.count - w]), abs(a.last!), b[b.count - w], b.last!, r[r.count - w], r.last!)
                + "The theory predicts this when the base network cannot put every training point at margin >= 1: the augmented loss then has no local minimum, and training drifts to infinity instead of converging."
            warning = text
            if printWarnings { FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8)) }
        }
    }

    /// Largest w_k.x + b_k over the training set, per neuron.
    private func largestExponents() throws -> [Float] {
        let neuron = model.neuron, units = neuron.units
        let batch = 256, size = model.inputSize
        if z.count < batch * units { z = [Float](repeating: 0, count: batch * units) }
        var largest = [Float](repeating: -.infinity, count: units)
        try training.x.scalars.withUnsafeBufferPointer { xs in
            try z.withUnsafeMutableBufferPointer { zs in
                var start = 0
                while start < training.count {
                    let n = min(batch, training.count - start)
                    let input = Activations(
                        pointer: UnsafeMutablePointer(mutating: xs.baseAddress! + start * size), batchSize: n, sampleShape: model.inputShape)
                    try neuron.exponents(input, into: zs.baseAddress!)
                    for i in 0..<(n * units) where !(zs[i] <= largest[i % units]) { largest[i % units] = zs[i] }
                    start += n
                }
            }
        }
        return largest
    }

    /// Per neuron, |a dL/da - dL/db - 2 lam a^2| / max(|a dL/da|, |dL/db|, 2 lam a^2) on the first 32
    /// training samples (the identity holds for any batch; 32 keeps the check at ~1% of an epoch).
    private func identityResiduals(_ trainer: Trainer) throws -> [Double] {
        let n = min(32, training.count)
        try trainer.computeGradients(training, indices: Array(0..<n)[...])
        return units.map { IdentityCheck.relativeResidual(neuron: $0.layer, unit: $0.unit) }
    }
}

/// The identity a_k * dL/da_k - dL/db_k = 2 * lambda * a_k^2, true for the regularised loss at every
/// parameter value, for each neuron k: the data term depends on a_k and b_k only through
/// a_k * exp(b_k) (so a_k d/da_k and d/db_k of it agree), and the penalty lambda * a_k^2 adds 2 lambda a_k^2.
public enum IdentityCheck {
    /// Relative residual of the identity for neuron `unit` from its current value and gradients.
    public static func relativeResidual(neuron: ExponentialNeuron, unit k: Int = 0) -> Double {
        let a = Double(neuron.a.value[k]), ga = Double(neuron.a.gradient[k]), gb = Double(neuron.b.gradient[k])
        let penalty = 2 * neuron.lambda * a * a
        let residual = a * ga - gb - penalty
        let scale = max(abs(a * ga), abs(gb), penalty, 1e-30)
        return abs(residual) / scale
    }
}
