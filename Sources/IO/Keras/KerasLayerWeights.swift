/// The variables of one weight-carrying Keras layer, as a Keras 3 weight file stores them:
/// the HDF5 group `<path>/vars` holds datasets `0`, `1`, ... in the layer's variable order
/// (Conv2D: kernel HWIO, bias; Dense: kernel (in, out), bias; a custom layer: its `add_weight` order).
public struct KerasLayerWeights: Equatable, Sendable {
    /// The layer's group in the file: "layers/conv2d" (a nested model: "layers/sequential/layers/conv2d").
    public var path: String
    /// The variables, in order (float32 in files Keras writes).
    public var variables: [NDArray]

    public init(path: String, variables: [NDArray]) {
        self.path = path
        self.variables = variables
    }

    /// The layer's name: the last component of `path`.
    public var name: String { String(path.split(separator: "/").last ?? Substring(path)) }
}
