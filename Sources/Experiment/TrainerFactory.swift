import Backend
import Foundation
import Keras
import NN
import Neuron
import Results
import Training

/// The one model and trainer factory of `runExperiment` and `runTrainJob`: the training options'
/// network (with the neuron for the augmented arm), loss and optimizer on a backend of the compute
/// options, weights drawn from a seed, then set from the initial-weights file if one is given.
struct TrainerFactory: Sendable {
    let training: TrainingOptions
    let compute: ComputeOptions
    let loss: LossSpec
    let classes: Int
    let inputShape: [Int]

    /// A new trainer of `arm`, weights drawn from `seed`. With an initial-weights file, a file
    /// without the neuron leaves the augmented arm's seeded neuron as drawn, and the plain arm
    /// passes over the neuron's weights if the file has them.
    func makeTrainer(arm: Arm, seed: UInt64) throws -> (trainer: Trainer, base: Sequential, imported: KerasWeights.Import?) {
        let loss = self.loss.make(classes: classes)
        let backend = try DNNLBackend(precision: compute.precision, algorithm: compute.convolutionAlgorithm)
        let base = try training.model.build(inputShape: inputShape, head: loss.head, backend: backend)
        let model: any Model =
            arm == .augmented
            ? try base.augmented(lambda: training.lambda, initialization: training.neuronInit, perLayer: training.neuronPerLayer, backend: backend) : base
        let trainer = try Trainer(model: model, loss: loss, optimizer: training.optimizer.make(), seed: seed)
        var imported: KerasWeights.Import?
        if let file = training.initWeights {
            imported = try KerasWeights.load(
                from: file, into: model.weights, optionalLayers: (model as? AugmentedModel)?.neurons.count ?? 0,
                ignoringNeuronOf: arm == .plain ? inputShape.reduce(1, *) : nil)
        }
        return (trainer, base, imported)
    }
}

extension ExperimentOptions {
    /// The trainer factory of these (resolved) options for data of per-sample `inputShape`.
    func trainerFactory(inputShape: [Int]) -> TrainerFactory {
        TrainerFactory(training: training, compute: compute, loss: loss, classes: classes, inputShape: inputShape)
    }
}
