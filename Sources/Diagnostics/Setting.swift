/// A named choice of a training, an experiment or a lab run. Library messages name settings
/// with these values; `name` is the library's own name, and the command-line tool renders each
/// as its flag (see `SettingNaming`).
public enum Setting: String, CaseIterable, Sendable {
    // The data
    case data, eegFolder, target, split, validationFraction, excludedSessions, standardize, key, classes, weights
    // The network and its training
    case model, loss, optimizer, epochs, batchSize, lambda, neuronInit, neuronPerLayer, patience
    // The experiment
    case runs, jobs, shard, out, checkpointEvery, stopStuck
    // The machine
    case threads, portable, precision, convolutionAlgorithm
    // The landscape lab
    case task, starts, arms, step, tolerance, maxIterations, trajectoryStarts
    // EEG recordings
    case downloadURL, downloadFolder
    // A GAN
    case steps, logEvery, neuronInput, trainingSetSize, evaluationSamples, learningRate, adamBetas

    /// The library's name of the setting, e.g. `batchSize`.
    public var name: String { rawValue }
}
