import Diagnostics
import Foundation
import IO
import NN

/// Weights from outside — a Keras 3 `.weights.h5` or `.keras` file, or OneNeuron's own `.npz` —
/// mapped onto a model's parameters, and the model's weights written back for Keras.
///
/// A OneNeuron weight-carrying layer is the run of parameters sharing the prefix before "/"
/// ("conv2d/kernel", "conv2d/bias" -> layer "conv2d"), in model order: Conv2D kernel (HWIO) and
/// bias, Dense kernel (in, out) and bias, the exponential neuron's a, w, b — the order Keras
/// keeps a layer's variables in. Keras 3 keys a file's layers by class (`conv2d`, `conv2d_1`,
/// `dense`, ...; see `KerasLayerWeights`), which are OneNeuron's default layer names, so layers are
/// matched by name when every required OneNeuron layer's name is a key in the file (the neuron
/// also as `exponential_neuron`, else it takes the file's one remaining layer), otherwise in
/// order. A model may declare its last `optionalLayers` layers
/// optional (the exponential neuron of an augmented model): a file without them sets the others
/// and leaves those as they are.
public enum KerasWeights {
    /// One weight-carrying layer of a model: its name and parameters.
    public struct ModelLayer {
        public let name: String
        public let parameters: [Parameter]
    }

    /// The weight-carrying layers of `parameters`, in order.
    public static func layers(of parameters: [Parameter]) -> [ModelLayer] {
        var result: [ModelLayer] = []
        for p in parameters {
            let layer = p.name.split(separator: "/", maxSplits: 1).first.map(String.init) ?? p.name
            if let last = result.last, last.name == layer {
                result[result.count - 1] = ModelLayer(name: layer, parameters: last.parameters + [p])
            } else {
                result.append(ModelLayer(name: layer, parameters: [p]))
            }
        }
        return result
    }

    /// What loading a weights file did.
    public struct Import: Sendable {
        /// How the file's layers were matched to the model's: "name", "order" or "npz" (by weight name).
        public let matchedBy: String
        /// The model layers that were set (all, or all but the optional ones).
        public let layersSet: [String]
        /// The model layers left as they were (the optional ones, when the file lacks them).
        public let layersKept: [String]
        /// File layers not used: an exponential neuron the model lacks (see `ignoringNeuronOf`).
        public let layersIgnored: [String]
        /// Where each model layer's weights sit in the Keras file, with the file's variable shapes,
        /// so the trained weights can be written back in the same layout (nil for .npz).
        public let kerasLayout: [String: KerasLayerWeights]?
    }

    /// Sets `parameters` from `url` (.weights.h5, .keras or .npz); the last `optionalLayers` layers
    /// may be absent from the file. With `ignoringNeuronOf: n`, the file may also hold an
    /// exponential neuron on n inputs (three variables shaped 1, n, 1) that the model lacks: the
    /// plain arm of an experiment whose initial weights include the augmented arm's neuron.
    @discardableResult
    public static func load(from url: URL, into parameters: [Parameter], optionalLayers: Int = 0, ignoringNeuronOf inputs: Int? = nil) throws -> Import {
        if url.pathExtension.lowercased() == "npz" { return try loadNPZ(from: url, into: parameters, optionalLayers: optionalLayers) }
        let file = try KerasWeightsFile.read(from: url)
        let model = layers(of: parameters)
        let required = model.count - optionalLayers
        let describe = { (names: [String]) in names.map { "'\($0)'" }.joined(separator: ", ") }
        let counts =
            "the file has \(file.count) weight-carrying layers (\(describe(file.map(\.name)))); the model has \(model.count) (\(describe(model.map(\.name))))"
            + (optionalLayers > 0 ? ", of which the last \(optionalLayers) may be left out" : "")
        let isNeuron = { (layer: KerasLayerWeights) in
            guard let inputs else { return false }
            return layer.variables.count == 3 && zip(layer.variables.map(\.shape), [[1], [inputs], [1]]).allSatisfy { sameLayout($0, $1) }
        }
        let extra = inputs != nil && file.contains(where: isNeuron) ? 1 : 0
        guard file.count >= required, file.count <= model.count + extra else {
            throw FileError(
                .layerCount, file: url.path, problem: counts,
                fix: "give the weights of the same network (the same model, with the same layers)")
        }
        var pairs: [(ModelLayer, KerasLayerWeights)] = []
        var unused = file
        func take(_ keras: KerasLayerWeights) { unused.removeAll { $0.path == keras.path } }
        let byName = fileLayerLookup(file)
        let matchedBy: String
        if model.prefix(required).allSatisfy({ byName($0.name) != nil }) {
            // By name (Keras 3's keys are OneNeuron's default layer names).
            matchedBy = "name"
            for layer in model {
                if let keras = byName(layer.name) { pairs.append((layer, keras)); take(keras) }
            }
        } else {
            // In order: each model layer takes the first remaining file layer (in key order) whose
            // variables fit; a required layer that finds none is reported against the file layer at its place.
            matchedBy = "order"
            for (index, layer) in model.enumerated() {
                if let keras = unused.first(where: { fits($0, layer) }) {
                    pairs.append((layer, keras)); take(keras)
                } else if index < required {
                    try check(unused.first ?? file[min(index, file.count - 1)], against: layer, url: url, matchedBy: matchedBy)
                }
            }
        }
        // Optional model layers the names missed take the file's remaining layers, in order.
        for layer in model.suffix(optionalLayers) where !pairs.contains(where: { $0.0.name == layer.name }) {
            if let keras = unused.first(where: { fits($0, layer) }) { pairs.append((layer, keras)); take(keras) }
        }
        let ignored = unused.filter(isNeuron).prefix(1)
        unused.removeAll { layer in ignored.contains { $0.path == layer.path } }
        if !unused.isEmpty {
            throw FileError(
                .layerCount, file: url.path, at: .described(unused.map(\.label).joined(separator: ", ")),
                problem: "\(counts); no model layer takes \(unused.count == 1 ? "this one" : "these")",
                fix: "give the weights of the same network (the same model, with the same layers)")
        }
        for (layer, keras) in pairs { try check(keras, against: layer, url: url, matchedBy: matchedBy) }
        var layout: [String: KerasLayerWeights] = [:]
        for (layer, keras) in pairs {
            layout[layer.name] = keras
            for (p, v) in zip(layer.parameters, keras.variables) { _ = p.value.update(from: v.asFloats()) }
        }
        let set = pairs.map { $0.0.name }
        return Import(
            matchedBy: matchedBy, layersSet: set, layersKept: model.map(\.name).filter { !set.contains($0) },
            layersIgnored: ignored.map(\.label), kerasLayout: layout)
    }

    /// Finds the file layer a model layer name matches: the same key, else the key Keras 3 gives the layer
    /// of that default OneNeuron name (`defaultKerasKeys`); the first of equal keys.
    static func fileLayerLookup(_ file: [KerasLayerWeights]) -> (String) -> KerasLayerWeights? {
        let keys = Dictionary(file.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return { name in keys[name] ?? defaultKerasKeys[name].flatMap { keys[$0] } }
    }

    /// True when the Keras layer's variables have the model layer's count and shapes.
    static func fits(_ keras: KerasLayerWeights, _ layer: ModelLayer) -> Bool {
        keras.variables.count == layer.parameters.count && zip(layer.parameters, keras.variables).allSatisfy { sameLayout($0.shape, $1.shape) }
    }

    /// Throws the error naming the file, layer and variable where `keras` does not fit `layer`.
    static func check(_ keras: KerasLayerWeights, against layer: ModelLayer, url: URL, matchedBy: String) throws {
        let how = matchedBy == "name" ? "by name" : "in order"
        guard keras.variables.count == layer.parameters.count else {
            throw FileError(
                .variableCount, file: url.path, at: .described(keras.label),
                problem:
                    "has \(keras.variables.count) variables; model layer '\(layer.name)' has \(layer.parameters.count) (\(layer.parameters.map(\.name).joined(separator: ", ")))",
                fix: "give the weights of the same network; layers match \(how)")
        }
        for (index, (p, v)) in zip(layer.parameters, keras.variables).enumerated() where !sameLayout(p.shape, v.shape) {
            throw FileError(
                .shapeMismatch, file: url.path, at: .described("\(keras.label), variable \(index)"),
                problem: "has shape \(v.shape); model weight '\(p.name)' has shape \(p.shape)",
                fix: "give the weights of the same network with the same input shape; layers match \(how)")
        }
    }

    /// Shapes that hold the same values in the same order: equal once axes of size 1 are dropped
    /// (a neuron's `a` stored as () or (1,), its `w` as (n,) or (n, 1)).
    static func sameLayout(_ a: [Int], _ b: [Int]) -> Bool {
        a == b || a.filter { $0 != 1 } == b.filter { $0 != 1 }
    }

    /// OneNeuron's .npz (keys "layer/weight"): every required layer's weights must be present; an optional layer is set only when all of its weights are.
    private static func loadNPZ(from url: URL, into parameters: [Parameter], optionalLayers: Int) throws -> Import {
        let arrays = try NPZ.read(from: url)
        let model = layers(of: parameters)
        var set: [String] = [], kept: [String] = []
        for (index, layer) in model.enumerated() {
            let optional = index >= model.count - optionalLayers
            if optional && layer.parameters.allSatisfy({ arrays[$0.name] == nil }) { kept.append(layer.name); continue }
            for p in layer.parameters {
                guard let array = arrays[p.name] else { throw ModelError.missingWeight(name: p.name, file: url.path) }
                guard sameLayout(array.shape, p.shape) else {
                    throw FileError(
                        .shapeMismatch, file: url.path, at: .described("layer '\(layer.name)', array '\(p.name)'"),
                        problem: "has shape \(array.shape); the model's weight has shape \(p.shape)",
                        fix: "give the weights of the same network with the same input shape")
                }
            }
            set.append(layer.name)
        }
        for layer in model where set.contains(layer.name) {
            for p in layer.parameters { _ = p.value.update(from: arrays[p.name]!.asFloats()) }
        }
        return Import(matchedBy: "npz", layersSet: set, layersKept: kept, layersIgnored: [], kerasLayout: nil)
    }

    /// The model's weights as Keras layers: each layer at `layout`'s path and variable shapes when
    /// given (weights loaded from a Keras file go back where they came from), else at
    /// "layers/<key>" with OneNeuron's shapes (the keys Keras 3 gives a seed CNN's layers; see `defaultKerasKeys`).
    public static func kerasLayers(of parameters: [Parameter], layout: [String: KerasLayerWeights]? = nil) -> [KerasLayerWeights] {
        layers(of: parameters).map { layer in
            let source = layout?[layer.name]
            let variables = layer.parameters.enumerated().map { index, p in
                let shape = source.map { $0.variables[index].shape } ?? p.shape
                return NDArray(shape: shape, float32: Array(p.value))
            }
            return KerasLayerWeights(
                path: source?.path ?? "layers/\(defaultKerasKeys[layer.name] ?? layer.name)", variables: variables,
                layerName: source?.layerName)
        }
    }

    /// Keras 3 file keys of OneNeuron layers whose name is not the snake-cased Keras class name:
    /// the exponential neuron, as a Keras layer class `ExponentialNeuron` (bench/keras_equivalence.py).
    public static let defaultKerasKeys = ["exp_neuron": "exponential_neuron"]

    /// Writes the model's weights as a Keras 3 `.weights.h5` file (see `kerasLayers`).
    public static func save(_ parameters: [Parameter], to url: URL, layout: [String: KerasLayerWeights]? = nil) throws {
        try KerasWeightsFile.write(kerasLayers(of: parameters, layout: layout), to: url)
    }
}
