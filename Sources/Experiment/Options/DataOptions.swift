import EEG
import Foundation

/// Where the images come from.
public enum ExperimentSource: Sendable, Equatable {
    /// The 16 EEG recordings in a folder, turned into images by the notebook pipeline.
    case eeg(directory: URL, layout: EEGImageLayout)
    /// An .npz with x, y (and optionally x_val, y_val, or EEG metadata for the subject/time splits).
    case data(URL)
}

/// The data of a training or an experiment: where it comes from, what is classified, and which
/// part validates. Shared by `ExperimentOptions` and `TrainOptions`.
public struct DataOptions: Sendable, Equatable {
    public var source: ExperimentSource
    /// How validation data is chosen; nil: the target's default (`splitToUse`).
    public var split: ExperimentSplit?
    /// What EEG frames are classified by: the task (familiar vs unfamiliar, the seed's), the
    /// subject (8 classes) or the session (16 classes). EEG data only.
    public var target = EEGTarget.task
    /// EEG sessions whose frames are left out of training and validation (e.g. a session with
    /// recording artifacts). EEG data only.
    public var excludedSessions: [EEGSession] = []
    /// The share of samples a random split validates on (0 < fraction < 1).
    public var validationFraction = 0.2

    public init(source: ExperimentSource) { self.source = source }

    /// The split used: `split`, or the target's default: random over frames for the seed's task
    /// (as the seed), time (leave-time-out within every session) for the subject and session
    /// targets, whose random split would validate on frames overlapping training frames.
    public var splitToUse: ExperimentSplit { split ?? (target.classCount > 2 ? .time : .random) }
}
