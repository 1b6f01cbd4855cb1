/// Hooks called by `Trainer.fit` (Keras callbacks). Every method has an empty default.
/// A callback can read any weight by name (`trainer.parameter(named: "dense/kernel")`),
/// add numbers to the epoch logs (they are recorded in the History), and stop training
/// (`trainer.stopTraining = true`).
public protocol Callback: AnyObject {
    func onTrainBegin(trainer: Trainer) throws
    func onEpochBegin(_ epoch: Int, trainer: Trainer) throws
    /// After the optimizer step of batch `batch` (0-based) of `epoch` (1-based). As in Keras 3, `logs`
    /// holds the running means of the epoch so far ("loss", "accuracy": over batches 0...`batch`,
    /// weighted by batch size), not the last batch's values.
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
