import IO

/// The variables of one weight-carrying Keras layer, as a Keras 3 weight file stores them:
/// the HDF5 group `<path>/vars` holds datasets `0`, `1`, ... in the layer's variable order
/// (Conv2D: kernel HWIO, bias; Dense: kernel (in, out), bias; a custom layer: its `add_weight` order).
/// Keras 3 names the group after the layer's class (`conv2d`, `conv2d_1`, `dense`, ...,
/// `exponential_neuron` for a class ExponentialNeuron), whatever the layer is called, and keeps
/// the layer's own name in the attribute `name` of `vars`.
public struct KerasLayerWeights: Equatable, Sendable {
    /// The layer's group in the file: "layers/conv2d" (a nested model: "layers/sequential/layers/conv2d").
    public var path: String
    /// The variables, in order (float32 in files Keras writes).
    public var variables: [NDArray]
    /// The Keras layer's own name (the `name` attribute of `vars`; "z_conv"), when the file has it.
    public var layerName: String?

    public init(path: String, variables: [NDArray], layerName: String? = nil) {
        self.path = path
        self.variables = variables
        self.layerName = layerName
    }

    /// The layer's key in the file: the last component of `path` ("conv2d_1").
    public var name: String { String(path.split(separator: "/").last ?? Substring(path)) }

    /// Keras numbers a model's layers of one class in model order (`dense`, `dense_1`, `dense_2`,
    /// ..., `dense_10`); HDF5 lists them by name and keeps no creation order (nor do data
    /// addresses follow it). This order — by path with the numbers compared as numbers — puts each
    /// class's layers in model order; the order across classes is not in the file.
    public static func keyOrder(_ a: KerasLayerWeights, _ b: KerasLayerWeights) -> Bool {
        func split(_ path: String) -> (String, Int) {
            guard let underscore = path.lastIndex(of: "_"), let n = Int(path[path.index(after: underscore)...]) else { return (path, 0) }
            return (String(path[..<underscore]), n)
        }
        let (x, y) = (split(a.path), split(b.path))
        return x.0 != y.0 ? x.0 < y.0 : x.1 < y.1
    }

    /// "layer 'z_conv' (layers/conv2d)" for messages.
    public var label: String {
        let key = path.isEmpty ? "the model's own variables" : path
        if let layerName, layerName != name { return "layer '\(layerName)' (\(key))" }
        return "layer '\(name)' (\(key))"
    }
}
