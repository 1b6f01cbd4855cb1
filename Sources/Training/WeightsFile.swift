import Foundation
import IO
import NN
import Tensor

/// Saves every parameter to an .npz whose keys are the weight names ("conv2d/kernel", ...), float32, atomically.
/// Pass `model.weights` (not `model.parameters`) to include non-trainable state such as moving statistics.
public func saveWeights(_ parameters: [Parameter], to url: URL) throws {
    try NPZ.write(parameters.map { (name: $0.name, array: NDArray(shape: $0.shape, float32: Array($0.value))) }, to: url)
}

/// Loads weights saved by `saveWeights` into `parameters`; every parameter must be present with its shape.
public func loadWeights(into parameters: [Parameter], from url: URL) throws {
    let arrays = try NPZ.read(from: url)
    for p in parameters {
        guard let array = arrays[p.name] else { throw ModelError.missingWeight(name: p.name, file: url.path) }
        guard array.shape == p.shape else {
            throw TensorError.shapeMismatch(expected: p.shape, actual: array.shape, context: "\(url.path): weight '\(p.name)'")
        }
        _ = p.value.update(from: array.asFloats())
    }
}
