import Backend
import Tensor

/// Anything trainable that maps a batch of inputs to a batch of outputs: a `Sequential`
/// network, an augmented model, or a user's own composition.
public protocol Model: AnyObject {
    /// Per-sample input shape (e.g. [28, 28, 3]).
    var inputShape: [Int] { get }
    /// Per-sample output shape (e.g. [1]).
    var outputShape: [Int] { get }
    /// Every trainable weight, in a fixed order.
    var parameters: [Parameter] { get }
    /// The flat value and gradient buffers of `parameters`, created once when the model is built
    /// and owned by the model (trainers and optimizers borrow them).
    var store: ParameterStore { get }
    /// Runs the model on `batchSize` samples read from `input`; the pass's pointers stay valid
    /// until the next call.
    func forward(_ input: UnsafePointer<Float>, batchSize: Int, training: Bool) throws -> ForwardPass
    /// Given dLoss/dOutput (or dLoss/dLogits, when the forward pass returned logits) of the last
    /// `forward(training: true)`, writes every parameter's gradient.
    @discardableResult
    func backward(_ gradient: OutputGradient, batchSize: Int) throws -> BackwardPass
}

extension Model {
    /// `backward(.output(gradOutput), batchSize:)`.
    @discardableResult
    public func backward(gradOutput: UnsafePointer<Float>, batchSize: Int) throws -> BackwardPass {
        try backward(.output(gradOutput), batchSize: batchSize)
    }

    /// Every weight, trainable and non-trainable, layer by layer (what weight files hold; `store.weights`).
    public var weights: [Parameter] { store.weights }

    /// Number of values per input sample.
    public var inputSize: Int { inputShape.reduce(1, *) }
    /// Number of values per output sample.
    public var outputSize: Int { outputShape.reduce(1, *) }

    /// Runs the model on all of `x` in batches (inference mode) and returns the outputs.
    public func predict(_ x: Tensor, batchSize: Int = 128) throws -> Tensor {
        try x.expectShape([nil] + inputShape.map { $0 }, context: "predict input")
        let n = x.sampleCount
        var out = [Float](repeating: 0, count: n * outputSize)
        try x.scalars.withUnsafeBufferPointer { xs in
            var start = 0
            while start < n {
                let b = min(batchSize, n - start)
                let y = try forward(xs.baseAddress! + start * inputSize, batchSize: b, training: false).output
                out.withUnsafeMutableBufferPointer { o in
                    (o.baseAddress! + start * outputSize).update(from: y, count: b * outputSize)
                }
                start += b
            }
        }
        return try Tensor(shape: [n] + outputShape, scalars: out)
    }
}
