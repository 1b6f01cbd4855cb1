import Backend
import Tensor

/// Fully connected layer, Keras semantics: kernel [inFeatures, units], glorot_uniform kernel,
/// zero bias, optional activation. Takes a flat per-sample input (use `Flatten` before it).
/// With a sigmoid it keeps its logits (the affine output) for binary cross-entropy (`LogitKeepingLayer`).
public final class Dense: LogitKeepingLayer, WeightGradientSkippingLayer {
    public var name: String
    public let units: Int
    public let activation: Activation
    public let kernelInitializer: Initializer, biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public private(set) var kernel: Parameter!
    public private(set) var bias: Parameter!
    public var parameters: [Parameter] { kernel.map { [$0, bias] } ?? [] }
    private var backend: (any ComputeBackend)!
    private var inFeatures = 0
    private var kernels = KernelCache<any DenseKernel>()
    private var post: FusedActivation!
    private let logitBuffer = FloatBuffer()
    private var hasLogits = false
    /// False: backward writes only the input gradient (`WeightGradientSkippingLayer`).
    public var computesWeightGradients = true

    public init(
        units: Int, activation: Activation = .linear, kernelInitializer: Initializer = .glorotUniform,
        biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil, name: String = "dense"
    ) {
        self.name = name; self.units = units; self.activation = activation
        self.kernelInitializer = kernelInitializer; self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
    }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw TensorError.shapeMismatch(
                expected: [nil], actual: inputShape, context: "layer \(name) (Dense) input (features); add a Flatten layer before it")
        }
        inFeatures = inputShape[0]
        backend = context.backend
        post = FusedActivation(activation)
        kernel = Parameter(
            name: "\(name)/kernel", shape: [inFeatures, units], initializer: kernelInitializer,
            regularizer: kernelRegularizer, fans: (inFeatures, units))
        bias = Parameter(name: "\(name)/bias", shape: [units], initializer: biasInitializer)
        return [units]
    }

    private func compute(batch: Int) throws -> any DenseKernel {
        try kernels.kernel(for: batch) { try backend.dense(DenseConfig(batch: batch, inFeatures: inFeatures, outFeatures: units)) }
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        try compute(batch: input.batchSize).forward(
            input: input.pointer, weights: kernel.value.baseAddress!,
            bias: bias.value.baseAddress!, output: output.pointer)
        if activation == .sigmoid {
            logitBuffer.reserve(output.count)
            logitBuffer.pointer.update(from: output.pointer, count: output.count)
            hasLogits = true
        }
        try post.forwardInPlace(output, backend: backend)
    }

    /// The affine output of the last forward pass, when the activation is a sigmoid.
    public var logits: UnsafePointer<Float>? { hasLogits ? UnsafePointer(logitBuffer.pointer) : nil }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        let gradZ = try post.backward(output: output, gradOutput: gradOutput, backend: backend)
        try backwardAffine(input: input, gradZ: gradZ, gradInput: gradInput)
    }

    public func backward(input: Activations, output: Activations, gradLogits: Activations, gradInput: Activations?) throws {
        try backwardAffine(input: input, gradZ: UnsafePointer(gradLogits.pointer), gradInput: gradInput)
    }

    /// Weight, bias and input gradients from dLoss/d(affine output).
    private func backwardAffine(input: Activations, gradZ: UnsafePointer<Float>, gradInput: Activations?) throws {
        let k = try compute(batch: input.batchSize)
        if computesWeightGradients, let gradInput {
            k.backward(
                input: input.pointer, gradOutput: gradZ, weights: kernel.value.baseAddress!,
                gradWeights: kernel.gradient.baseAddress!, gradBias: bias.gradient.baseAddress!, gradInput: gradInput.pointer)
            return
        }
        if computesWeightGradients {
            k.backwardWeights(input: input.pointer, gradOutput: gradZ, gradWeights: kernel.gradient.baseAddress!, gradBias: bias.gradient.baseAddress!)
        }
        if let gradInput { k.backwardData(gradOutput: gradZ, weights: kernel.value.baseAddress!, gradInput: gradInput.pointer) }
    }
}
