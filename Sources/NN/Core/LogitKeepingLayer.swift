/// A layer whose output is the sigmoid of values it keeps: its logits. Keras on TensorFlow keeps a
/// sigmoid's input on its output tensor (`_keras_logits`, keras/src/backend/tensorflow/nn.py), and
/// binary cross-entropy then computes from those logits, exactly and without clipping, instead of
/// from the clipped probability. A `Sequential` whose last layer keeps its logits offers them the
/// same way (`ForwardPass.logits`); `Dense(activation: .sigmoid)` and `ActivationLayer(.sigmoid)` keep them.
public protocol LogitKeepingLayer: Layer {
    /// The values whose sigmoid the last forward pass output (valid until the next forward); nil
    /// when this layer's output is not a sigmoid or it has not run yet.
    var logits: UnsafePointer<Float>? { get }
    /// `backward` given dLoss/dLogits instead of dLoss/dOutput (only when `logits` is not nil).
    func backward(input: Activations, output: Activations, gradLogits: Activations, gradInput: Activations?) throws
}
