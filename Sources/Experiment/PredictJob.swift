import Diagnostics
import Foundation
import IO
import Keras
import NN
import Neuron
import Tensor
import Training

/// Everything `one-neuron predict` needs.
public struct PredictOptions: Sendable {
    /// Weights: a Keras 3 .weights.h5 or .keras file, or a OneNeuron .npz (every layer required).
    public var weights: URL
    /// An .npz whose `key` array holds the inputs (N, ...).
    public var data: URL
    public var key = "x"
    public var out: URL
    public var model = ModelSpec.seedCNN
    public var augmented = false
    public var loss = LossSpec.polynomialHinge(power: 3)
    /// Classes of a multi-class model (its number of outputs); nil: read from the weights file.
    public var classes: Int?

    public init(weights: URL, data: URL, out: URL) { self.weights = weights; self.data = data; self.out = out }
}

/// What `runPredictJob` wrote: the outputs, sample after sample, `perSample` each.
public struct PredictOutputs: Sendable {
    public let values: [Float]
    public let perSample: Int
}

/// Runs the model with the given weights on every input and writes the outputs as an .npy (N,)
/// float32, or (N, k) for k outputs (what Keras' `model.predict` gives for the same weights); returns them.
@discardableResult
public func runPredictJob(_ o: PredictOptions) throws -> PredictOutputs {
    let arrays = try NPZ.read(from: o.data)
    guard let array = arrays[o.key] else {
        throw TrainingError.missingArray(file: o.data.path, key: o.key, found: Array(arrays.keys), fix: "set \(.key) to one of them")
    }
    let x = array.tensor()
    let inputShape = Array(x.shape.dropFirst())
    let classes = try o.loss.isMultiClass ? o.classes ?? classCount(of: o, inputShape: inputShape) : 2
    let base = try o.model.build(inputShape: inputShape, head: o.loss.make(classes: classes).head)
    let model: any Model = o.augmented ? try base.augmented() : base
    try KerasWeights.load(from: o.weights, into: model.weights)
    let outputs = try model.predict(x).scalars
    let k = model.outputSize
    try NPY.write(NDArray(shape: k == 1 ? [outputs.count] : [outputs.count / k, k], float32: outputs), to: o.out)
    return PredictOutputs(values: outputs, perSample: k)
}

/// The number of outputs of the model's output layer in the weights file (a multi-class model without `classes`).
private func classCount(of o: PredictOptions, inputShape: [Int]) throws -> Int {
    let probe = try o.model.build(inputShape: inputShape, head: o.loss.make(classes: 2).head)
    guard let output = KerasWeights.layers(of: probe.parameters).last?.name,
        let units = try KerasWeights.units(of: output, in: o.weights), units >= 2
    else {
        throw TrainingError.classCountUnknown(file: o.weights.path)
    }
    return units
}
