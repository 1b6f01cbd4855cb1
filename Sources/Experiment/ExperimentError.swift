import Diagnostics

/// Why an experiment's results folders cannot be used (settings out of range or in conflict are `SettingError`s). Texts name settings in the library's terms (`Message`);
/// the command-line tool prints them with its flags.
public enum ExperimentError: SettingsDescribed {
    /// The results folder holds the results of another configuration.
    case folderHoldsOtherConfiguration(folder: String)
    /// The results folder holds more runs than asked for.
    case runsWouldShrink(folder: String, existing: Int, requested: Int)
    /// A results folder's config.json names a convolution algorithm this build does not know.
    case unknownConvolutionAlgorithm(file: String, name: String)
    /// A merge was given no results folders.
    case noShards
    /// Two folders given to a merge hold different configurations.
    case shardsDiffer(folder: String, first: String)
    /// A shard's training has not finished.
    case shardUnfinished(training: String)
    /// The testing hook's crash.
    case simulatedCrash(epochs: Int)

    public var message: Message {
        switch self {
        case .folderHoldsOtherConfiguration(let folder):
            return "\(folder) holds results of a different configuration (see its config.json); use another \(.out) folder or delete it"
        case .runsWouldShrink(let folder, let existing, let requested):
            return
                "\(folder) already holds \(existing) runs; \(.runs) \(requested) would drop some. Set \(.runs) to \(existing) to finish or report them, more to extend the study, or use another \(.out) folder"
        case .unknownConvolutionAlgorithm(let file, let name):
            return "\(file): conv_algorithm '\(name)' is not direct or winograd; use another \(.out) folder"
        case .noShards:
            return "merge needs at least one results folder"
        case .shardsDiffer(let folder, let first):
            return "\(folder)/config.json differs from \(first)/config.json: these are not shards of one experiment; merge the folders of one experiment"
        case .shardUnfinished(let training):
            return "\(training) has not finished; rerun its shard before merging"
        case .simulatedCrash(let n):
            return "simulated crash after \(n) epochs (testing hook)"
        }
    }
}
