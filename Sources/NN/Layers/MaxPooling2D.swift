import Backend
import Tensor

/// 2x2 max pooling with stride 2 (Keras `MaxPooling2D()` defaults, 'valid': odd trailing rows/columns are dropped).
public final class MaxPooling2D: Layer {
    public var name: String
    private var backend: (any ComputeBackend)!
    private var inputShape: [Int] = []
    private var kernels = KernelCache<any MaxPoolKernel>()
    /// Set by the model's execution plan when the layer below is a convolution with a ReLU: backward then applies
    /// that ReLU's mask too (one pass instead of two) and the convolution skips its own.
    var backwardAppliesReLUMask = false

    public init(name: String = "max_pooling2d") { self.name = name }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard inputShape.count == 3, inputShape[0] >= 2, inputShape[1] >= 2, inputShape[2] > 0 else {
            throw TensorError.shapeMismatch(
                expected: [nil, nil, nil], actual: inputShape, context: "layer \(name) (MaxPooling2D) input (height >= 2, width >= 2, channels)")
        }
        self.inputShape = inputShape
        backend = context.backend
        return [inputShape[0] / 2, inputShape[1] / 2, inputShape[2]]
    }

    /// The kernel for batches of `batch` samples (a convolution below runs its chunks, see `ConvPooling`).
    func kernel(batch: Int) throws -> any MaxPoolKernel {
        try kernels.kernel(for: batch) {
            try backend.maxPool(MaxPoolConfig(batch: batch, height: inputShape[0], width: inputShape[1], channels: inputShape[2]))
        }
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        try kernel(batch: input.batchSize).forward(input: input.pointer, output: output.pointer)
    }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        guard let gradInput else { return }
        try kernel(batch: input.batchSize).backward(
            input: input.pointer, output: output.pointer,
            gradOutput: gradOutput.pointer, gradInput: gradInput.pointer,
            throughReLU: backwardAppliesReLUMask)
    }
}
