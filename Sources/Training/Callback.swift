/// Hooks called by `Trainer.fit` (Keras callbacks). Every method has an empty default.
/// A callback can read any weight by name (`trainer.parameter(named: "dense/kernel")`),
/// add numbers to the epoch logs (they are recorded in the History), and stop training
/// (`trainer.stopTraining = true`).
public protocol Callback: AnyObject {
    func onTrainBegin(trainer: Trainer) throws
    func onEpochBegin(_ epoch: Int, trainer: Trainer) throws
    /// After the optimizer step of batch `batch` (0-based) of `epoch` (1-based).
    func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws
    /// After validation; callbacks may add entries to `logs`.
    func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws
    func onTrainEnd(trainer: Trainer) throws
}

extension Callback {
    public func onTrainBegin(trainer: Trainer) throws {}
    public func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {}
    public func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws {}
    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {}
    public func onTrainEnd(trainer: Trainer) throws {}
}

/// Keras' EarlyStopping on a logged quantity: stops when `monitor` has not improved by more
/// than `minDelta` for `patience` epochs; optionally restores the best weights.
public final class EarlyStopping: Callback {
    public let monitor: String, patience: Int, minDelta: Double, mode: Mode, restoreBestWeights: Bool
    public enum Mode: Sendable { case min, max }
    /// Epoch (1-based) with the best value so far, and the epoch training was stopped at.
    public private(set) var bestEpoch: Int?
    public private(set) var stoppedEpoch: Int?
    private var best: Double?
    private var bestWeights: [Float]?
    private var wait = 0

    public init(monitor: String = "val_loss", patience: Int = 10, minDelta: Double = 0, mode: Mode? = nil, restoreBestWeights: Bool = false) {
        self.monitor = monitor; self.patience = patience; self.minDelta = abs(minDelta)
        self.mode = mode ?? (monitor.contains("acc") ? .max : .min)
        self.restoreBestWeights = restoreBestWeights
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        guard let value = logs[monitor], value.isFinite else { return }
        let improved = best.map { mode == .min ? value < $0 - minDelta : value > $0 + minDelta } ?? true
        if improved {
            best = value; bestEpoch = epoch; wait = 0
            if restoreBestWeights { bestWeights = trainer.store.snapshot() }
        } else {
            wait += 1
            if wait >= patience {
                stoppedEpoch = epoch
                trainer.stopTraining = true
                if let bestWeights { trainer.store.restore(bestWeights) }
            }
        }
    }
}
