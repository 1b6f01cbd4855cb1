import Neuron
import Results
import Training

/// Keras 3's EarlyStopping(monitor='val_loss', patience, restore_best_weights=True) replayed on a
/// finished training's record (`EarlyStoppingRule`, the rule the `EarlyStopping` callback runs):
/// the first epoch is the best so far, a NaN val_loss (null in epochs.jsonl) never improves, and
/// the weights kept are the best epoch's, restored when training ends, also when the rule never
/// stopped it. So `epoch` is where it stopped (nil: never) and `valAccuracy` is the best-val_loss
/// epoch's validation accuracy either way (nil only for a training without epochs).
public func replayValidationLossRule(valLoss: [Double], valAccuracy: [Double], patience: Int) -> EarlyStoppingPoint {
    var rule = EarlyStoppingRule(patience: patience, mode: .min)
    var stopped: Int?
    for (i, loss) in valLoss.enumerated() where rule.update(epoch: i + 1, value: loss) {
        stopped = i + 1
        break
    }
    guard let best = rule.bestEpoch, best <= valAccuracy.count else { return .never }
    return EarlyStoppingPoint(epoch: stopped, valAccuracy: valAccuracy[best - 1])
}

/// The scale-driven rule of `ScaleEarlyStopping` (|a| and its change settled, val_loss stalled for
/// `patience` epochs). `change[i]`, for several neurons, is epoch i's largest change of any a_k (nil: use a's own change).
public func replayScaleRule(
    a: [Double], change: [Double?]? = nil, valLoss: [Double], valAccuracy: [Double], patience: Int,
    scaleTolerance: Double = 1e-3, changeTolerance: Double = 1e-4
) -> EarlyStoppingPoint {
    let rule = ScaleEarlyStopping(scaleTolerance: scaleTolerance, changeTolerance: changeTolerance, patience: patience)
    for i in 0..<min(a.count, valLoss.count) where rule.update(epoch: i + 1, a: a[i], change: change?[i], valLoss: valLoss[i]) {
        let best = (rule.bestEpoch ?? 1) - 1
        return EarlyStoppingPoint(epoch: i + 1, valAccuracy: valAccuracy[best])
    }
    return .never
}
