/// Keras 3's early-stopping rule on one monitored value per epoch (keras/src/callbacks/early_stopping.py
/// and monitor_callback.py, without `baseline` and `start_from_epoch`), as a value: the
/// `EarlyStopping` callback runs it during training, and the experiment replays it on a finished
/// training's record. Keras 3's rules, also where they surprise:
/// - the first value seen is the best so far, whatever it is (even NaN); after that a value improves
///   when `value + minDelta < best` (mode min) or `value - minDelta > best` (max), so a NaN value
///   never improves and counts towards `patience` (as does +inf in mode min);
/// - it stops when `patience` epochs in a row did not improve, but never at the first epoch.
public struct EarlyStoppingRule: Sendable, Equatable {
    public enum Mode: Sendable { case min, max }
    public let patience: Int, minDelta: Double, mode: Mode
    /// The best value so far, and its epoch (1-based).
    public private(set) var best: Double?
    public private(set) var bestEpoch: Int?
    /// Epochs since the last improvement.
    public private(set) var wait = 0

    public init(patience: Int, minDelta: Double = 0, mode: Mode = .min) {
        self.patience = patience; self.minDelta = abs(minDelta); self.mode = mode
    }

    /// Whether `value` improves on `best` (nil: nothing seen yet, so it does). False for NaN.
    public func isImprovement(_ value: Double, over best: Double?) -> Bool {
        guard let best else { return true }
        return mode == .min ? value + minDelta < best : value - minDelta > best
    }

    /// Takes epoch `epoch`'s value; returns true when training should stop after it.
    public mutating func update(epoch: Int, value: Double) -> Bool {
        wait += 1
        if isImprovement(value, over: best) {
            best = value; bestEpoch = epoch; wait = 0
            return false
        }
        return wait >= patience && epoch > 1
    }
}

/// Keras 3's `EarlyStopping` callback: `EarlyStoppingRule` on a logged quantity. With
/// `restoreBestWeights`, the best epoch's weights are put back when training ends, whether this
/// callback stopped it or not (a training that ran all its epochs ends on its best weights, as in
/// Keras 3). Every `fit` starts afresh (`onTrainBegin` forgets the best value, the wait and the
/// weights). An epoch whose logs lack `monitor` is skipped.
public final class EarlyStopping: Callback {
    public typealias Mode = EarlyStoppingRule.Mode
    public let monitor: String, patience: Int, minDelta: Double, mode: Mode, restoreBestWeights: Bool
    /// The rule's state in the current (or last) `fit`.
    public private(set) var rule: EarlyStoppingRule
    /// The epoch training was stopped at (nil: this callback did not stop it).
    public private(set) var stoppedEpoch: Int?
    /// The epoch whose weights were put back when training ended (nil: none were).
    public private(set) var restoredEpoch: Int?
    private var bestWeights: [Float]?

    public init(monitor: String = "val_loss", patience: Int = 10, minDelta: Double = 0, mode: Mode? = nil, restoreBestWeights: Bool = false) {
        self.monitor = monitor; self.patience = patience; self.minDelta = abs(minDelta)
        self.mode = mode ?? (monitor.contains("acc") ? .max : .min)
        self.restoreBestWeights = restoreBestWeights
        rule = EarlyStoppingRule(patience: patience, minDelta: minDelta, mode: self.mode)
    }

    /// Epoch (1-based) with the best value so far.
    public var bestEpoch: Int? { rule.bestEpoch }
    /// The best value so far.
    public var best: Double? { rule.best }

    public func onTrainBegin(trainer: Trainer) throws {
        rule = EarlyStoppingRule(patience: patience, minDelta: minDelta, mode: mode)
        stoppedEpoch = nil; restoredEpoch = nil; bestWeights = nil
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        guard let value = logs[monitor] else { return }
        let stop = rule.update(epoch: epoch, value: value)
        if restoreBestWeights && rule.bestEpoch == epoch { bestWeights = trainer.store.snapshot() }
        if stop {
            stoppedEpoch = epoch
            trainer.stopTraining = true
        }
    }

    public func onTrainEnd(trainer: Trainer) throws {
        guard restoreBestWeights, let bestWeights else { return }
        trainer.store.restore(bestWeights)
        restoredEpoch = rule.bestEpoch
    }
}
