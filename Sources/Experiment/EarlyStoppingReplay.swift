import Neuron

/// Where an early-stopping rule would have stopped a finished training, replayed from its per-epoch record.
public struct StopPoint: Sendable, Equatable {
    /// Epoch at which training would have stopped (nil: it never stopped).
    public var epoch: Int?
    /// Validation accuracy of the weights it would have kept (the best-val_loss epoch, restored).
    public var valAccuracy: Double?

    public init(epoch: Int?, valAccuracy: Double?) {
        self.epoch = epoch
        self.valAccuracy = valAccuracy
    }
}

/// Plain Keras EarlyStopping(monitor='val_loss', patience, restore_best_weights=True).
public func replayValidationLossRule(valLoss: [Double], valAccuracy: [Double], patience: Int) -> StopPoint {
    var best = Double.infinity, bestEpoch = 0, wait = 0
    for (i, loss) in valLoss.enumerated() {
        if loss < best { best = loss; bestEpoch = i; wait = 0 } else {
            wait += 1
            if wait >= patience { return StopPoint(epoch: i + 1, valAccuracy: valAccuracy[bestEpoch]) }
        }
    }
    return StopPoint(epoch: nil, valAccuracy: nil)
}

/// The scale-driven rule of `ScaleEarlyStopping` (|a| and its change settled, val_loss stalled for `patience` epochs).
public func replayScaleRule(a: [Double], valLoss: [Double], valAccuracy: [Double], patience: Int,
                            scaleTolerance: Double = 1e-3, changeTolerance: Double = 1e-4) -> StopPoint {
    let rule = ScaleEarlyStopping(scaleTolerance: scaleTolerance, changeTolerance: changeTolerance, patience: patience)
    for i in 0..<min(a.count, valLoss.count) where rule.update(epoch: i + 1, a: a[i], valLoss: valLoss[i]) {
        let best = (rule.bestEpoch ?? 1) - 1
        return StopPoint(epoch: i + 1, valAccuracy: valAccuracy[best])
    }
    return StopPoint(epoch: nil, valAccuracy: nil)
}
