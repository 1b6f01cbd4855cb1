import Foundation
import IO
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
    /// Classes of a softmax cross-entropy model (its number of outputs).
    public var classes = 2

    public init(weights: URL, data: URL, out: URL) { self.weights = weights; self.data = data; self.out = out }
}

/// Runs the model with the given weights on every input and writes the outputs as an .npy (N,)
/// float32, or (N, k) for k outputs (what Keras' `model.predict` gives for the same weights); returns them.
@discardableResult
public func runPredictJob(_ o: PredictOptions) throws -> [Float] {
    let arrays = try NPZ.read(from: o.data)
    guard let array = arrays[o.key] else {
        throw TrainingError.invalidData("\(o.data.path): no array '\(o.key)' (arrays: \(arrays.keys.sorted().joined(separator: ", "))); give --key")
    }
    let x = array.tensor()
    let inputShape = Array(x.shape.dropFirst())
    let base = try o.model.build(inputShape: inputShape, head: o.loss.make(classes: o.classes).head)
    let model: any Model = o.augmented ? try base.augmented() : base
    try KerasWeights.load(from: o.weights, into: model.parameters)
    let outputs = try model.predict(x).scalars
    let k = model.outputSize
    try NPY.write(NDArray(shape: k == 1 ? [outputs.count] : [outputs.count / k, k], float32: outputs), to: o.out)
    return outputs
}
