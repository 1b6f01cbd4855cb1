/// The names of the files of a results folder.
public enum ResultsFiles {
    /// Every choice of the experiment (`ExperimentConfig`).
    public static let config = "config.json"
    /// `EpochRecord` lines, in canonical order (run, then arm).
    public static let epochs = "epochs.jsonl"
    /// The same records as CSV (`EpochRecord.csvHeader`).
    public static let epochsCSV = "epochs.csv"
    /// `EpochTiming` lines.
    public static let timings = "timings.jsonl"
    /// `RunRecord` lines.
    public static let runs = "runs.jsonl"
    /// The folder of per-training folders `runR-ARM/`.
    public static let trainings = "trainings"
    /// A training's `TrainingOutcome`, once it finished.
    public static let outcome = "outcome.json"
    /// A training's checkpoint (removed when it finishes).
    public static let checkpoint = "checkpoint.json"
}
