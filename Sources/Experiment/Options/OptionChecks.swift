import Diagnostics
import NN
import Training

extension TrainingOptions {
    /// Checks that every value is in range.
    func check() throws {
        guard epochs >= 1 else { throw SettingError.valueOutOfRange(.epochs, value: "\(epochs)", allowed: "positive") }
        guard batchSize >= 1 else { throw SettingError.valueOutOfRange(.batchSize, value: "\(batchSize)", allowed: "positive") }
        guard lambda >= 0, lambda.isFinite else {
            throw SettingError.valueOutOfRange(.lambda, value: "\(lambda)", allowed: "a finite number >= 0 (the L2 penalty on the neuron's scale)")
        }
    }
}

extension DataOptions {
    /// The number of classes the loss sees (2 for binary losses; for softmax cross-entropy, the EEG
    /// target's classes or, for an .npz, the largest label + 1), after checking that the training's
    /// loss, the target, the split and the data source fit together. `augmented`: a neuron is added
    /// to the network's outputs.
    func classes(for training: TrainingOptions, augmented: Bool) throws -> Int {
        try training.check()
        let loss = lossToUse(training)
        guard validationFraction > 0, validationFraction < 1 else {
            throw SettingError.valueOutOfRange(
                .validationFraction, value: "\(validationFraction)", allowed: "between 0 and 1 (the share of samples that validates)")
        }
        if case .subject(let k) = splitToUse, validationFraction != 0.2 {
            throw SettingError.settingsConflict(
                [.validationFraction, .split],
                problem:
                    "\(.validationFraction) sets the share of a random or time split; \(.split) subject:\(k) validates on subject \(k)'s frames, whatever their share",
                fix: "leave \(.validationFraction) at its default with a subject split")
        }
        if augmented, case .softmaxCrossEntropy(fromLogits: false, _) = loss {
            throw SettingError.settingsConflict(
                [.loss],
                problem:
                    "\(.loss) \(loss): the augmented network adds one neuron to each output, and with a softmax head those outputs are probabilities, in which the loss is not convex as the theorem needs",
                fix: "set \(.loss) to cce (the same training for the plain network: Keras computes a softmax head's loss from its logits too)")
        }
        if augmented, training.neuronPerLayer, case .seedCNN = training.model {
            throw SettingError.settingsConflict(
                [.neuronPerLayer, .model], problem: "\(.neuronPerLayer) is built for fully connected networks",
                fix: "set \(.model) to mlp:H1,H2,...")
        }
        switch source {
        case .eeg:
            if target.classCount > 2, !loss.isMultiClass {
                throw SettingError.settingsConflict(
                    [.loss, .target],
                    problem: "\(.loss) \(loss) is a binary loss, but the \(target.rawValue) \(.target) has \(target.classCount) classes",
                    fix: "set \(.loss) to cce (softmax cross-entropy)")
            }
            if case .subject(let k) = splitToUse, target != .task {
                throw SettingError.settingsConflict(
                    [.split, .target],
                    problem:
                        "\(.split) subject:\(k) holds out subject \(k)'s frames, so the \(target.rawValue) \(.target) would validate on classes training never sees",
                    fix: "set \(.split) to time (leave-time-out within every session)")
            }
            return loss.isMultiClass ? target.classCount : 2
        case .data(let url):
            guard target == .task else {
                throw SettingError.settingsConflict(
                    [.target, .data], problem: "\(.target) applies to EEG data (\(.eegFolder)); an .npz brings its own labels",
                    fix: "leave \(.target) at task with \(.data)")
            }
            guard excludedSessions.isEmpty else {
                throw SettingError.settingsConflict(
                    [.excludedSessions, .data], problem: "\(.excludedSessions) applies to EEG data (\(.eegFolder))",
                    fix: "leave frames out of an .npz before saving it")
            }
            return loss.isMultiClass ? try DataFile.classCount(in: url) : 2
        }
    }
}
