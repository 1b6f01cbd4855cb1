import Neuron
import Results

/// Plain Keras EarlyStopping(monitor='val_loss', patience, restore_best_weights=True).
public func replayValidationLossRule(valLoss: [Double], valAccuracy: [Double], patience: Int) -> EarlyStoppingPoint {
    var best = Double.infinity, bestEpoch = 0, wait = 0
    for (i, loss) in valLoss.enumerated() {
        if loss < best { best = loss; bestEpoch = i; wait = 0 } else {
            wait += 1
            if wait >= patience { return EarlyStoppingPoint(epoch: i + 1, valAccuracy: valAccuracy[bestEpoch]) }
        }
    }
    return .never
}

/// The scale-driven rule of `ScaleEarlyStopping` (|a| and its change settled, val_loss stalled for `patience` epochs).
public func replayScaleRule(a: [Double], valLoss: [Double], valAccuracy: [Double], patience: Int,
                            scaleTolerance: Double = 1e-3, changeTolerance: Double = 1e-4) -> EarlyStoppingPoint {
    let rule = ScaleEarlyStopping(scaleTolerance: scaleTolerance, changeTolerance: changeTolerance, patience: patience)
    for i in 0..<min(a.count, valLoss.count) where rule.update(epoch: i + 1, a: a[i], valLoss: valLoss[i]) {
        let best = (rule.bestEpoch ?? 1) - 1
        return EarlyStoppingPoint(epoch: i + 1, valAccuracy: valAccuracy[best])
    }
    return .never
}
