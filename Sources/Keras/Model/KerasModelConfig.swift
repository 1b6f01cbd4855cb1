import Foundation
import IO
import NN

/// The Keras 3 architecture (`config.json` of a `.keras` archive) of a OneNeuron `Sequential`
/// network of Conv2D, MaxPooling2D, Flatten and Dense layers, optionally with the exponential
/// neuron added to its output, as a Keras functional model: `keras.saving.load_model` rebuilds it
/// (with the neuron registered as `OneNeuron>ExponentialNeuron`, the custom layer of
/// bench/keras_equivalence.py, taking `lam`) and loads the archive's weights into it.
public enum KerasModelConfig {
    /// Why a model has no Keras config.
    public struct Unsupported: Error, CustomStringConvertible {
        public let description: String
    }

    /// The config JSON; `neuronLambda` adds the exponential neuron on the flattened input.
    public static func json(for network: Sequential, neuronLambda: Double? = nil) throws -> String {
        var layers: [[String: Any]] = []
        var taken = Set<String>()
        /// Keras 3's key of a layer: its class in snake case, numbered when taken (what the weights file uses).
        func key(_ base: String) -> String {
            var name = base, i = 1
            while taken.contains(name) { name = "\(base)_\(i)"; i += 1 }
            taken.insert(name)
            return name
        }
        func tensor(_ shape: [Int], from layer: String) -> [String: Any] {
            ["class_name": "__keras_tensor__", "config": ["shape": [NSNull()] + shape.map { $0 as Any }, "dtype": "float32", "keras_history": [layer, 0, 0]]]
        }
        let input = key("input_layer")
        layers.append([
            "module": "keras.layers", "class_name": "InputLayer", "registered_name": NSNull(), "name": input, "inbound_nodes": [],
            "config": ["batch_shape": [NSNull()] + network.inputShape.map { $0 as Any }, "dtype": "float32", "sparse": false, "name": input]
        ])
        var previous = input, shape = network.inputShape
        for (layer, outShape) in zip(network.layers, network.layerShapes) {
            let className: String
            var config: [String: Any]
            switch layer {
            case let c as Conv2D:
                className = "Conv2D"
                config = [
                    "filters": c.filters, "kernel_size": [c.kernelSize, c.kernelSize], "strides": [1, 1], "padding": c.padding.rawValue,
                    "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": c.activation.rawValue, "use_bias": true
                ]
            case is MaxPooling2D:
                className = "MaxPooling2D"
                config = ["pool_size": [2, 2], "strides": [2, 2], "padding": "valid", "data_format": "channels_last"]
            case is Flatten:
                className = "Flatten"
                config = ["data_format": "channels_last"]
            case let d as Dense:
                className = "Dense"
                config = ["units": d.units, "activation": d.activation.rawValue, "use_bias": true]
            case is Softmax:
                className = "Activation"
                config = ["activation": "softmax"]
            default:
                throw Unsupported(
                    description:
                        "layer '\(layer.name)' (\(type(of: layer))) has no Keras equivalent here; a .keras archive is written for Conv2D, MaxPooling2D, Flatten, Dense and Softmax layers"
                )
            }
            let name = key(className == "MaxPooling2D" ? "max_pooling2d" : className.lowercased())
            config["name"] = name
            config["trainable"] = true
            config["dtype"] = "float32"
            layers.append([
                "module": "keras.layers", "class_name": className, "registered_name": NSNull(), "name": name, "config": config,
                "build_config": ["input_shape": [NSNull()] + shape.map { $0 as Any }],
                "inbound_nodes": [["args": [tensor(shape, from: previous)], "kwargs": [String: Any]()]]
            ])
            previous = name
            shape = outShape
        }
        if let lambda = neuronLambda {
            let neuron = key("exponential_neuron")
            // One neuron per output unit; "units" is written only for k > 1 (the layer's default is 1).
            let outputs = network.outputShape.reduce(1, *)
            var neuronConfig: [String: Any] = ["name": neuron, "trainable": true, "dtype": "float32", "lam": lambda]
            if outputs > 1 { neuronConfig["units"] = outputs }
            layers.append([
                "module": "keras_equivalence", "class_name": "ExponentialNeuron", "registered_name": "OneNeuron>ExponentialNeuron", "name": neuron,
                "config": neuronConfig,
                "build_config": ["input_shape": [NSNull()] + network.inputShape.map { $0 as Any }],
                "inbound_nodes": [["args": [tensor(network.inputShape, from: input)], "kwargs": [String: Any]()]]
            ])
            let add = key("add")
            layers.append([
                "module": "keras.layers", "class_name": "Add", "registered_name": NSNull(), "name": add,
                "config": ["name": add, "trainable": true, "dtype": "float32"],
                "build_config": ["input_shape": [[NSNull(), outputs], [NSNull(), outputs]]],
                "inbound_nodes": [["args": [[tensor([outputs], from: previous), tensor([outputs], from: neuron)]], "kwargs": [String: Any]()]]
            ])
            previous = add
        }
        let model: [String: Any] = [
            "module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
            "config": ["name": "functional", "trainable": true, "layers": layers, "input_layers": [input, 0, 0], "output_layers": [previous, 0, 0]],
            "build_config": ["input_shape": NSNull()]
        ]
        let data = try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `network` (with the neuron's weights when `neuronLambda` is given) as a `.keras` archive:
    /// the config above and the weights under Keras 3's keys.
    public static func writeArchive(_ network: Sequential, parameters: [Parameter], neuronLambda: Double? = nil, to url: URL) throws {
        try KerasArchive.write(KerasWeights.kerasLayers(of: parameters), config: json(for: network, neuronLambda: neuronLambda), to: url)
    }
}
