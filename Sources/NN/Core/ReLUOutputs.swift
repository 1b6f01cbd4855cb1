import Backend

/// A layer whose output passes through an activation function (Conv2D, Dense, an activation layer).
public protocol ActivatedLayer: Layer {
    var activation: Activation { get }
}

extension Conv2D: ActivatedLayer {}
extension Dense: ActivatedLayer {}
extension ActivationLayer: ActivatedLayer {}

/// The output of one ReLU layer in a model's last forward pass: `batchSize` samples of
/// `valuesPerSample` values each, channels-last, so value `i` belongs to unit `i % units` (a
/// convolution's channel, a dense layer's neuron). Valid until the model's next forward pass.
public struct ReLULayerOutput {
    public let layerName: String
    public let values: UnsafePointer<Float>
    public let batchSize: Int
    public let valuesPerSample: Int
    /// Units of the layer: the last axis of its per-sample output shape.
    public let units: Int
}
