import NN

/// Tells, per epoch, whether training is stuck: in every batch of the epoch the backward pass found
/// an exactly-zero gradient below some layer (`Trainer.lastStep`'s `backward.gradientBlock`, e.g. the
/// dead-ReLU plateau at loss 1.0), so nothing below it learned all epoch. Works for any model that reports blocks
/// (`Sequential`, augmented models); costs nothing (the engine already checks for zero gradients).
public final class StuckDetector: Callback {
    /// The epoch's block: the lowest blocking layer over its batches (nothing below it learned in any
    /// batch); nil when some batch's gradient got through. Valid from `onEpochEnd` on.
    public private(set) var epochBlock: GradientBlock?
    private var lowest: GradientBlock?
    private var everyBatchBlocked = true, batches = 0, wholeModelEveryBatch = true

    public init() {}

    public func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {
        lowest = nil; everyBatchBlocked = true; wholeModelEveryBatch = true; batches = 0; epochBlock = nil
    }

    public func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws {
        batches += 1
        guard let block = trainer.lastStep?.backward.gradientBlock else { everyBatchBlocked = false; return }
        if lowest == nil || block.layerIndex < lowest!.layerIndex { lowest = block }
        wholeModelEveryBatch = wholeModelEveryBatch && block.wholeModel
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        guard batches > 0, everyBatchBlocked, var block = lowest else { epochBlock = nil; return }
        block.wholeModel = wholeModelEveryBatch
        epochBlock = block
    }
}
