/// A model made of layers whose hidden outputs a bigger model may read and send gradient back
/// to (e.g. exponential neurons on each hidden layer of a `Sequential`).
public protocol LayeredModel: Model {
    /// Per-sample output shape of each layer.
    var layerShapes: [[Int]] { get }
    /// The output of layer `index` in the last forward pass (valid until the next forward).
    func layerOutput(_ index: Int) -> UnsafePointer<Float>
    /// `backward` with more gradient arriving at hidden layers' outputs from outside: `extra[i]`
    /// is added to dLoss/d(output of layer i) before layer i's backward runs.
    @discardableResult
    func backward(_ gradient: OutputGradient, batchSize: Int, addingToLayerOutputs extra: [Int: UnsafePointer<Float>]) throws -> BackwardPass
}
