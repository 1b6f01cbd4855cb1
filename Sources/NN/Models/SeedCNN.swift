import Backend
import Foundation

/// The network of the seed experiment (the original EEG classifier with a one-output tanh head):
/// Conv2D(32, 3x3, same) + ReLU -> Conv2D(32, 3x3, valid) + ReLU -> MaxPooling2D(2x2) -> Flatten
/// -> Dense(10) + ReLU -> Dense(1) -> tanh (or `head`, e.g. k class logits). Keras defaults: glorot_uniform kernels, zero biases.
public func seedCNN(inputShape: [Int] = [28, 28, 3], head: OutputHead = .tanh, backend: any ComputeBackend = DNNLBackend()) throws -> Sequential {
    try Sequential(
        [
            Conv2D(filters: 32, kernelSize: 3, padding: .same, activation: .relu),
            Conv2D(filters: 32, kernelSize: 3, padding: .valid, activation: .relu),
            MaxPooling2D(),
            Flatten(),
            Dense(units: 10, activation: .relu)
        ] + head.layers(), inputShape: inputShape, name: "seed_cnn", backend: backend)
}

/// A fully connected network: Flatten -> Dense(h, relu) for each hidden size -> `head` (Dense(1, tanh) by default).
public func multilayerPerceptron(
    hidden: [Int], inputShape: [Int], head: OutputHead = .tanh,
    backend: any ComputeBackend = DNNLBackend()
) throws -> Sequential {
    var layers: [Layer] = [Flatten()]
    for h in hidden { layers.append(Dense(units: h, activation: .relu)) }
    layers += head.layers()
    return try Sequential(layers, inputShape: inputShape, name: "mlp", backend: backend)
}

/// FLOPs of one training step per sample (forward + backward data + backward weights) of a Sequential
/// network of Conv2D and Dense layers: 3x the forward multiply-adds x 2 (the first layer's backward-data is counted too,
/// as benchmark scripts for Keras and PyTorch count it).
public func trainingFLOPsPerSample(_ model: Sequential) -> Double {
    var flops = 0.0
    var shape = model.inputShape
    for (layer, out) in zip(model.layers, model.layerShapes) {
        if let c = layer as? Conv2D {
            flops += 2.0 * Double(out.reduce(1, *)) * Double(c.kernelSize * c.kernelSize * shape[2])
        } else if let d = layer as? Dense {
            flops += 2.0 * Double(shape.reduce(1, *) * d.units)
        }
        shape = out
    }
    return 3 * flops
}
