import NN
import Training

extension TrainingOptions {
    /// Checks that every value is in range.
    func check() throws {
        guard epochs >= 1, batchSize >= 1 else {
            throw ExperimentError.invalidOption("--epochs and --batch-size must be positive, got \(epochs) and \(batchSize)")
        }
        guard lambda >= 0, lambda.isFinite else {
            throw ExperimentError.invalidOption("--lambda must be a finite number >= 0 (the L2 penalty on the neuron's scale), got \(lambda)")
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
            throw ExperimentError.invalidOption("--val-fraction must be between 0 and 1 (the share of samples that validates), got \(validationFraction)")
        }
        if case .subject(let k) = splitToUse, validationFraction != 0.2 {
            throw ExperimentError.invalidOption("--val-fraction sets the share of a random or time split; --split subject:\(k) validates on subject \(k)'s frames, whatever their share")
        }
        if augmented, case .softmaxCrossEntropy(fromLogits: false, _) = loss {
            throw ExperimentError.invalidOption("--loss \(loss): the augmented network adds one neuron to each output, and with a softmax head those outputs are probabilities, in which the loss is not convex as the theorem needs; use --loss cce (the same training for the plain network: Keras computes a softmax head's loss from its logits too)")
        }
        if augmented, training.neuronPerLayer, case .seedCNN = training.model {
            throw ExperimentError.invalidOption("--neuron-per-layer is built for fully connected networks; use --model mlp:H1,H2,...")
        }
        switch source {
        case .eeg:
            if target.classCount > 2, !loss.isMultiClass {
                throw ExperimentError.invalidOption("--loss \(loss) is a binary loss, but the \(target.rawValue) target has \(target.classCount) classes; use --loss cce (softmax cross-entropy)")
            }
            if case .subject(let k) = splitToUse, target != .task {
                throw ExperimentError.invalidOption("--split subject:\(k) holds out subject \(k)'s frames, so the \(target.rawValue) target would validate on classes training never sees; use --split time (leave-time-out within every session)")
            }
            return loss.isMultiClass ? target.classCount : 2
        case .data(let url):
            guard target == .task else { throw ExperimentError.invalidOption("--target applies to EEG data (--eeg DIR); an .npz brings its own labels") }
            guard excludedSessions.isEmpty else { throw ExperimentError.invalidOption("--exclude-sessions applies to EEG data (--eeg DIR); leave frames out of an .npz before saving it") }
            return loss.isMultiClass ? try DataFile.classCount(in: url) : 2
        }
    }
}
