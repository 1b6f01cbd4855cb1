import Backend

/// What a layer may use while it is built: the compute backend that runs its kernels.
public struct BuildContext {
    public let backend: any ComputeBackend
    public init(backend: any ComputeBackend) { self.backend = backend }
}

/// One step of a network: an explicit forward/backward pair over flat buffers (like llm.c).
///
/// Writing a new layer takes three functions:
/// - `build(inputShape:context:)`: check the per-sample input shape (throw
///   `TensorError.shapeMismatch` naming the layer if it is wrong), create the layer's
///   `Parameter`s (and any non-trainable state, `nonTrainableWeights`), return the per-sample
///   output shape;
/// - `forward(_:_:training:)`: read `input`, write every value of `output`;
/// - `backward(...)`: given dLoss/dOutput, write dLoss/dInput into `gradInput` (when it is
///   not nil: the first layer's is nil unless the model computes its input gradient,
///   `Sequential.computesInputGradient`) and write (overwrite) each parameter's `gradient`.
/// Parameter values live in the model's flat buffer; read them through `parameter.value`.
/// `Tests/NNTests/CustomLayerTests.swift` shows a complete example with its gradient check.
public protocol Layer: AnyObject {
    /// Unique within a model; prefixes the names of the layer's weights ("dense_1/kernel").
    var name: String { get set }
    /// The layer's trainable weights, created in `build`.
    var parameters: [Parameter] { get }
    /// State the layer updates itself in its forward pass (Keras' `non_trainable_weights`, e.g.
    /// batch normalisation's moving statistics), created in `build` with `trainable: false`:
    /// saved and restored with the weights, never moved by the optimizer. Empty by default.
    var nonTrainableWeights: [Parameter] { get }
    /// Validates the per-sample input shape, creates parameters, returns the per-sample output shape.
    func build(inputShape: [Int], context: BuildContext) throws -> [Int]
    /// Computes the output of one batch.
    func forward(_ input: Activations, _ output: Activations, training: Bool) throws
    /// Computes gradients for one batch; `input` and `output` are those of the last forward.
    func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var nonTrainableWeights: [Parameter] { [] }
    /// Every weight, trainable then non-trainable (the order Keras saves a layer's variables in).
    public var weights: [Parameter] { parameters + nonTrainableWeights }
}

/// A layer whose output is its input's values in the same order under another shape (`Flatten`).
/// `Sequential` lets such a layer's output share the buffer below it, and its input gradient the
/// buffer above it, instead of running its forward and backward (two copies of the batch).
public protocol ReshapingLayer: Layer {}

/// Keras-style default names: "conv2d", "conv2d_1", "conv2d_2", ...
public func uniqueLayerName(_ base: String, taken: Set<String>) -> String {
    if !taken.contains(base) { return base }
    var i = 1
    while taken.contains("\(base)_\(i)") { i += 1 }
    return "\(base)_\(i)"
}
