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
    /// Runs the model on `batchSize` samples read from `input`; returns a pointer to the
    /// output, valid until the next call.
    func forward(_ input: UnsafePointer<Float>, batchSize: Int, training: Bool) throws -> UnsafeMutablePointer<Float>
    /// Given dLoss/dOutput of the last `forward(training: true)`, writes every parameter's gradient.
    func backward(gradOutput: UnsafePointer<Float>, batchSize: Int) throws
    /// Where the last backward pass found the gradient exactly zero inside the network, if it did.
    var gradientBlock: GradientBlock? { get }
    /// The last forward pass's output of each layer that ends in a ReLU (for dead-unit counts).
    var reluOutputs: [ReLULayerOutput] { get }
    /// Where the model times its layers' passes, when profiling (models that do not time keep none).
    var profile: OpProfile? { get set }
    /// When the output is the sigmoid of logits the model keeps (its last layer is a
    /// `LogitKeepingLayer` with a sigmoid), the logits of the last forward pass; nil otherwise
    /// (e.g. an augmented model, whose output is its base's output plus the neuron's).
    var outputLogits: UnsafePointer<Float>? { get }
    /// Like `backward(gradOutput:batchSize:)`, given dLoss/dLogits (only when `outputLogits` is not nil).
    func backward(gradLogits: UnsafePointer<Float>, batchSize: Int) throws
}

/// No gradient reached the layers below `layerName` in a backward pass: that layer's backward gave
/// an exactly-zero input gradient (e.g. every ReLU of a dense layer dead, the "stuck at loss 1.0"
/// plateau), so nothing below it can learn from that batch.
public struct GradientBlock: Sendable, Equatable {
    /// Index of the blocking layer in its network.
    public var layerIndex: Int
    public var layerName: String
    /// True when nothing else in the model still learns either (a plain network; for an augmented
    /// model, its neuron's gradient is exactly zero too). False: only the base network is stuck.
    public var wholeModel: Bool

    public init(layerIndex: Int, layerName: String, wholeModel: Bool) {
        self.layerIndex = layerIndex; self.layerName = layerName; self.wholeModel = wholeModel
    }
}

extension Model {
    /// Models that do not track it report no block.
    public var gradientBlock: GradientBlock? { nil }
    /// Models that do not expose their layers report no ReLU outputs.
    public var reluOutputs: [ReLULayerOutput] { [] }
    public var profile: OpProfile? {
        get { nil }
        set {}
    }

    /// Models that keep no logits have none.
    public var outputLogits: UnsafePointer<Float>? { nil }

    public func backward(gradLogits: UnsafePointer<Float>, batchSize: Int) throws {
        throw ModelError.invalidConfiguration("this model's output is not the sigmoid of logits it keeps; call backward(gradOutput:batchSize:)")
    }

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
                let y = try forward(xs.baseAddress! + start * inputSize, batchSize: b, training: false)
                out.withUnsafeMutableBufferPointer { o in
                    (o.baseAddress! + start * outputSize).update(from: y, count: b * outputSize)
                }
                start += b
            }
        }
        return try Tensor(shape: [n] + outputShape, scalars: out)
    }
}
