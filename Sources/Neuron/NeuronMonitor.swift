import Foundation
import NN
import Training

/// Records, every epoch, what tells whether the theorem's promise is happening in a run:
/// `a`, `b`, `w_norm`, `neuron_max` (largest |a exp(w.x+b)| over the training set), `f0_loss` and
/// `f0_accuracy` (the base network alone, averaged over the epoch's batches like `loss`),
/// `identity_residual` (relative residual of a dL/da - dL/db = 2 lam a^2 on a fixed batch: it holds
/// at every parameter value, so it checks the gradient code live) and `diverging` (1 when the
/// `DivergenceDetector` sees the path to infinity). Prints a plain-language warning the first time.
public final class NeuronMonitor: StatefulCallback {
    public let model: AugmentedModel
    public let training: LabeledData
    public var detector = DivergenceDetector()
    /// Set when divergence was first detected: the warning text.
    public private(set) var warning: String?
    /// Print the warning to standard error when it first appears.
    public var printWarnings = true
    private var f0LossSum = 0.0, f0Correct = 0, f0Seen = 0
    private var scales: [Double] = [], biases: [Double] = [], norms: [Double] = []
    private var z: [Float] = []

    public init(model: AugmentedModel, training: LabeledData) {
        self.model = model
        self.training = training
    }

    /// What the monitor remembers across epochs (saved in checkpoints so a resumed run flags the same epochs).
    public struct State: Codable, Sendable, Equatable {
        public var scales: [Double], biases: [Double], norms: [Double]
        public var warning: String?
    }

    public var state: State { State(scales: scales, biases: biases, norms: norms, warning: warning) }

    public func restore(_ state: State) {
        scales = state.scales; biases = state.biases; norms = state.norms; warning = state.warning
    }

    public func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {
        f0LossSum = 0; f0Correct = 0; f0Seen = 0
        model.neuron.resetTracking()
    }

    public func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws {
        guard let y0 = model.lastBaseOutput else { return }
        let targets = trainer.lastBatchTargets
        let r = trainer.loss.evaluate(predictions: y0, logits: model.base.outputLogits, targets: targets.baseAddress!, count: targets.count, gradient: nil)
        f0LossSum += r.loss * Double(targets.count); f0Correct += r.correct; f0Seen += targets.count
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        let neuron = model.neuron
        let a = Double(neuron.a.value[0]), b = Double(neuron.b.value[0])
        logs["a"] = a
        logs["b"] = b
        logs["w_norm"] = neuron.wNorm
        let largest = try largestExponent()
        logs["neuron_max"] = abs(a) * Foundation.exp(Double(largest))
        if f0Seen > 0 {
            logs["f0_loss"] = f0LossSum / Double(f0Seen)
            logs["f0_accuracy"] = Double(f0Correct) / Double(f0Seen)
        }
        logs["identity_residual"] = try identityResidual(trainer)
        scales.append(a); biases.append(b); norms.append((neuron.wNorm * neuron.wNorm + b * b).squareRoot())
        let diverging = detector.isDiverging(scale: scales, bias: biases, weightNorm: norms)
        logs["diverging"] = diverging ? 1 : 0
        if diverging && warning == nil {
            let w = detector.window
            let text = String(format: "epoch %d: the exponential neuron is drifting: over the last %d epochs |a| went from %.3g to %.3g, b from %.3g to %.3g and |(w, b)| from %.3g to %.3g. ", epoch, w, abs(scales[scales.count - w]), abs(a), biases[biases.count - w], b, norms[norms.count - w], norms.last!)
                + "The theory predicts this when the base network cannot put every training point at margin >= 1: the augmented loss then has no local minimum, and training drifts to infinity instead of converging."
            warning = text
            if printWarnings { FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8)) }
        }
    }

    /// Largest w.x + b over the training set.
    private func largestExponent() throws -> Float {
        let neuron = model.neuron
        let batch = 256, size = model.inputSize
        if z.count < batch { z = [Float](repeating: 0, count: batch) }
        var largest = -Float.infinity
        try training.x.scalars.withUnsafeBufferPointer { xs in
            try z.withUnsafeMutableBufferPointer { zs in
                var start = 0
                while start < training.count {
                    let n = min(batch, training.count - start)
                    let input = Activations(pointer: UnsafeMutablePointer(mutating: xs.baseAddress! + start * size), batchSize: n, sampleShape: model.inputShape)
                    largest = max(largest, try neuron.exponents(input, into: zs.baseAddress!).largest)
                    start += n
                }
            }
        }
        return largest
    }

    /// |a dL/da - dL/db - 2 lam a^2| / max(|a dL/da|, |dL/db|, 2 lam a^2) on the first 32 training samples
    /// (the identity holds for any batch; 32 keeps the check at ~1% of an epoch).
    private func identityResidual(_ trainer: Trainer) throws -> Double {
        let n = min(32, training.count)
        try trainer.computeGradients(training, indices: Array(0..<n)[...])
        return IdentityCheck.relativeResidual(neuron: model.neuron)
    }
}

/// The identity a * dL/da - dL/db = 2 * lambda * a^2, true for the regularised loss at every parameter value.
public enum IdentityCheck {
    /// Relative residual of the identity from the neuron's current value and gradients.
    public static func relativeResidual(neuron: ExponentialNeuron) -> Double {
        let a = Double(neuron.a.value[0]), ga = Double(neuron.a.gradient[0]), gb = Double(neuron.b.gradient[0])
        let penalty = 2 * neuron.lambda * a * a
        let residual = a * ga - gb - penalty
        let scale = max(abs(a * ga), abs(gb), penalty, 1e-30)
        return abs(residual) / scale
    }
}
