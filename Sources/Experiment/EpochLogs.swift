import NN
import Results
import Training

extension EpochRecord {
    /// The record of epoch `epoch` of a training, from the trainer's logs (missing or non-finite
    /// values are nil; the neuron's values for the augmented arm only) and the stuck detector's block and the dead-unit counts.
    init(_ unit: TrainingUnit, epoch: Int, logs: Logs, stuck: GradientBlock? = nil, deadUnits: [DeadUnitCount] = []) {
        self.init(run: unit.run, seed: unit.seed, arm: unit.arm, epoch: epoch)
        self.deadUnits = deadUnits.isEmpty ? nil : deadUnits
        if let stuck {
            stuckBelow = stuck.layerName
            stuckPart = stuck.wholeModel ? "model" : "base"
        }
        loss = finite(logs["loss"])
        accuracy = finite(logs["accuracy"])
        valLoss = finite(logs["val_loss"])
        valAccuracy = finite(logs["val_accuracy"])
        guard unit.arm == .augmented else { return }
        a = finite(logs["a"])
        b = finite(logs["b"])
        wNorm = finite(logs["w_norm"])
        neuronMax = finite(logs["neuron_max"])
        f0Loss = finite(logs["f0_loss"])
        f0Accuracy = finite(logs["f0_accuracy"])
        identityResidual = finite(logs["identity_residual"])
        diverging = (logs["diverging"] ?? 0) > 0
        // k neurons log "a[k]", "b[k]", ... (NeuronMonitor); one neuron logs the plain keys only.
        var units: [NeuronEpochValues] = []
        while logs["a[\(units.count)]"] != nil {
            let k = units.count
            units.append(
                NeuronEpochValues(
                    a: finite(logs["a[\(k)]"]), b: finite(logs["b[\(k)]"]), wNorm: finite(logs["w_norm[\(k)]"]),
                    identityResidual: finite(logs["identity_residual[\(k)]"]), diverging: (logs["diverging[\(k)]"] ?? 0) > 0))
        }
        neurons = units.isEmpty ? nil : units
    }
}

/// A per-epoch line of a training's files (epochs.jsonl, timings.jsonl), kept or dropped by epoch on resume.
protocol EpochNumbered {
    var epoch: Int { get }
}

extension EpochRecord: EpochNumbered {}
extension EpochTiming: EpochNumbered {}
