/// Stops training once it has been stuck (`StuckDetector`: no gradient got below some layer in any
/// batch of the epoch) for `epochs` epochs in a row. Such a training cannot recover: the layers below
/// the block get exactly zero gradients, and after a few epochs Adam's first moments (x0.9 per step)
/// have decayed past float32's resolution, so those layers stop moving for good. Put it after the
/// detector in the callback list.
public final class StuckStopping: Callback {
    public let epochs: Int
    private let detector: StuckDetector
    /// Stuck epochs in a row up to the last one seen (set from the records when a training resumes).
    public private(set) var streak: Int
    /// The epoch after which this callback stopped training (nil: it did not).
    public private(set) var stoppedEpoch: Int?

    /// `streak`: stuck epochs in a row just before the first epoch this callback sees (a resumed training's).
    public init(after epochs: Int, detector: StuckDetector, streak: Int = 0) {
        precondition(epochs >= 1, "StuckStopping needs at least one epoch")
        self.epochs = epochs
        self.detector = detector
        self.streak = streak
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        streak = detector.epochBlock == nil ? 0 : streak + 1
        if streak >= epochs {
            stoppedEpoch = epoch
            trainer.stopTraining = true
        }
    }
}
