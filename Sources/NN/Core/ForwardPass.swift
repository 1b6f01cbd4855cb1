/// What a model's forward pass produced: its output and what trainers, losses and monitors read
/// of it. Every pointer is valid until the model's next forward pass.
public struct ForwardPass {
    /// `batchSize` outputs of `outputShape` each.
    public var output: UnsafeMutablePointer<Float>
    /// When the output is the sigmoid (or softmax) of logits the model keeps (its head is a
    /// `LogitKeepingLayer`), those logits; losses compute from them exactly, as Keras on TensorFlow.
    public var logits: UnsafePointer<Float>?
    /// The output of each layer that ends in a ReLU, in layer order (for dead-unit counts).
    public var reluOutputs: [ReLULayerOutput]
    /// For a model that adds to a base network's output (an augmented model): the base's own output.
    public var base: BaseOutput?

    public init(
        output: UnsafeMutablePointer<Float>, logits: UnsafePointer<Float>? = nil,
        reluOutputs: [ReLULayerOutput] = [], base: BaseOutput? = nil
    ) {
        self.output = output; self.logits = logits; self.reluOutputs = reluOutputs; self.base = base
    }
}

/// A base network's output inside a bigger model's forward pass, and its logits if it keeps them.
public struct BaseOutput {
    public var output: UnsafePointer<Float>
    public var logits: UnsafePointer<Float>?

    public init(output: UnsafePointer<Float>, logits: UnsafePointer<Float>?) {
        self.output = output; self.logits = logits
    }
}

/// The gradient a backward pass starts from.
public enum OutputGradient {
    /// dLoss/dOutput.
    case output(UnsafePointer<Float>)
    /// dLoss/dLogits, for a model whose forward pass returned logits.
    case logits(UnsafePointer<Float>)
}
