import Backend
import Tensor

/// 2-D convolution, stride 1, k x k kernel, NHWC input, Keras semantics: kernel shape
/// [k, k, inChannels, filters] (HWIO), glorot_uniform kernel and zero bias by default,
/// padding 'same' or 'valid', optional activation (ReLU is fused into the oneDNN kernel).
public final class Conv2D: ProfiledLayer {
    public var name: String
    /// Where the backward pass times its parts (ReLU mask, backward weights, backward data), when profiling.
    public var profile: OpProfile?
    /// Set by the model's execution plan (only for a ReLU) when the layer above (max pooling or convolution)
    /// applies this layer's ReLU mask in its backward pass: the gradient arrives already multiplied by the ReLU's derivative.
    var reluMaskAppliedAbove = false
    /// Set by the model's execution plan when the layer below ends in a ReLU whose mask this layer's backward
    /// data applies to the input gradient (chunk by chunk, in cache), so that layer skips its ReLU backward.
    var masksInputGradientByReLU = false
    /// Set by the model's execution plan with `reluMaskAppliedAbove` when the layer above is a convolution. In bf16
    /// precision that convolution leaves the mask to this layer, whose backward weights applies it in its bias-sum
    /// pass (`Conv2DKernel.backwardWeights(maskedByReLUOutput:)`): the masked float32 gradient is never written.
    var reluMaskOfConvolutionAbove = false
    public let filters: Int
    public let kernelSize: Int
    public let padding: Padding
    public let activation: Activation
    public let kernelInitializer: Initializer, biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public private(set) var kernel: Parameter!
    public private(set) var bias: Parameter!
    public var parameters: [Parameter] { kernel.map { [$0, bias] } ?? [] }
    private var backend: (any ComputeBackend)!
    private var inputShape: [Int] = []
    private var kernels = KernelCache<any Conv2DKernel>()
    private var post: FusedActivation!

    public init(
        filters: Int, kernelSize: Int, padding: Padding = .valid, activation: Activation = .linear,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        kernelRegularizer: Regularizer? = nil, name: String = "conv2d"
    ) {
        self.name = name; self.filters = filters; self.kernelSize = kernelSize; self.padding = padding
        self.activation = activation; self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer; self.kernelRegularizer = kernelRegularizer
    }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw TensorError.shapeMismatch(expected: [nil, nil, nil], actual: inputShape, context: "layer \(name) (Conv2D) input (height, width, channels)")
        }
        let probe = config(batch: 1, inputShape: inputShape)
        guard probe.outHeight > 0, probe.outWidth > 0 else {
            throw TensorError.invalidShape(
                inputShape,
                reason:
                    "layer \(name) (Conv2D): a \(kernelSize)x\(kernelSize) '\(padding.rawValue)' convolution needs at least \(kernelSize)x\(kernelSize) pixels")
        }
        self.inputShape = inputShape
        backend = context.backend
        post = FusedActivation(activation)
        let k = kernelSize, c = inputShape[2]
        kernel = Parameter(
            name: "\(name)/kernel", shape: [k, k, c, filters], initializer: kernelInitializer,
            regularizer: kernelRegularizer, fans: (k * k * c, k * k * filters))
        bias = Parameter(name: "\(name)/bias", shape: [filters], initializer: biasInitializer)
        return [probe.outHeight, probe.outWidth, filters]
    }

    private func config(batch: Int, inputShape: [Int]) -> Conv2DConfig {
        Conv2DConfig(
            batch: batch, height: inputShape[0], width: inputShape[1], inChannels: inputShape[2],
            outChannels: filters, kernelSize: kernelSize, padding: padding, fuseReLU: activation == .relu)
    }

    private func compute(batch: Int) throws -> any Conv2DKernel {
        try kernels.kernel(for: batch) { try backend.conv2D(config(batch: batch, inputShape: inputShape)) }
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        try compute(batch: input.batchSize).forward(
            input: input.pointer, weights: kernel.value.baseAddress!,
            bias: bias.value.baseAddress!, output: output.pointer)
        if activation != .relu { try post.forwardInPlace(output, backend: backend) }
    }

    /// `forward`, then `pooling` (the layer above, see `ConvPooling`) on each chunk of the output as soon as it is written.
    func forward(_ input: Activations, _ output: Activations, pooledInto pooled: Activations, by pooling: MaxPooling2D) throws {
        let pool = try pooling.kernel(batch: input.batchSize)
        try compute(batch: input.batchSize).forward(
            input: input.pointer, weights: kernel.value.baseAddress!, bias: bias.value.baseAddress!,
            output: output.pointer
        ) { samples in
            pool.forward(input: output.pointer, output: pooled.pointer, samples: samples)
        }
    }

    /// `backward` given the gradient of the pooling's output (`gradPooled`): the pooling's backward writes each
    /// chunk of `gradOutput` (this layer's output gradient, through its ReLU mask) just before the chunk's backward weights.
    func backward(
        input: Activations, output: Activations, pooled: Activations, gradPooled: Activations, by pooling: MaxPooling2D,
        gradOutput: Activations, gradInput: Activations?
    ) throws {
        let k = try compute(batch: input.batchSize), pool = try pooling.kernel(batch: input.batchSize)
        let throughReLU = pooling.backwardAppliesReLUMask
        OpProfile.measure(profile, "\(name) backward weights + bias sums + \(pooling.name) backward") {
            k.backwardWeights(
                input: input.pointer, gradOutput: gradOutput.pointer, gradWeights: kernel.gradient.baseAddress!,
                gradBias: bias.gradient.baseAddress!
            ) { samples in
                pool.backward(
                    input: output.pointer, output: pooled.pointer, gradOutput: gradPooled.pointer, gradInput: gradOutput.pointer,
                    throughReLU: throughReLU, samples: samples)
            } orSums: { samples, sums, bf16Copy in
                pool.backwardSums(
                    input: output.pointer, output: pooled.pointer, gradOutput: gradPooled.pointer, throughReLU: throughReLU,
                    samples: samples, sums: sums, bf16Copy: bf16Copy)
            }
        }
        backwardData(k, input: input, gradZ: gradOutput.pointer, gradInput: gradInput)
    }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        let k = try compute(batch: input.batchSize)
        if appliesMaskLeftByConvolutionAbove(k) {
            OpProfile.measure(profile, "\(name) backward weights + ReLU mask + bias sums") {
                k.backwardWeights(
                    input: input.pointer, gradOutput: gradOutput.pointer, maskedByReLUOutput: output.pointer,
                    gradWeights: kernel.gradient.baseAddress!, gradBias: bias.gradient.baseAddress!)
            }
            backwardData(k, input: input, gradZ: gradOutput.pointer, gradInput: gradInput)
            return
        }
        let gradZ =
            reluMaskAppliedAbove
            ? UnsafePointer(gradOutput.pointer)
            : try OpProfile.measure(profile, "\(name) \(activation.rawValue) backward") {
                try post.backward(output: output, gradOutput: gradOutput, backend: backend)
            }
        OpProfile.measure(profile, "\(name) backward weights + bias sums") {
            k.backwardWeights(input: input.pointer, gradOutput: gradZ, gradWeights: kernel.gradient.baseAddress!, gradBias: bias.gradient.baseAddress!)
        }
        backwardData(k, input: input, gradZ: gradZ, gradInput: gradInput)
    }

    /// Whether this layer's backward weights applies the ReLU mask the convolution above left to it (bf16), so the
    /// gradient `Sequential` hands it is unmasked: then ask `maskedGradientVanishes`, not the buffer, whether it is zero.
    func receivesUnmaskedGradient(batch: Int) throws -> Bool {
        appliesMaskLeftByConvolutionAbove(try compute(batch: batch))
    }

    /// Whether the output gradient is zero once masked by this layer's ReLU: every g x (output > 0 ? 1 : 0) is +0 or
    /// -0, none NaN (the question `Sequential` asks of a masked gradient buffer).
    func maskedGradientVanishes(output: Activations, gradOutput: Activations) -> Bool {
        let y = output.pointer, g = gradOutput.pointer
        for j in 0..<gradOutput.count where g[j] * (y[j] > 0 ? 1 : 0) != 0 { return false }
        return true
    }

    private func appliesMaskLeftByConvolutionAbove(_ k: any Conv2DKernel) -> Bool {
        reluMaskOfConvolutionAbove && Conv2D.masksInBackwardWeights(k)
    }

    /// Whether a ReLU mask between two convolutions is applied by the lower one's backward weights (bf16: to its
    /// gradient's bf16 copy and bias sums) rather than by the upper one's backward data. Both layers decide by their
    /// own kernel's precision, which is their backend's.
    private static func masksInBackwardWeights(_ k: any Conv2DKernel) -> Bool { k.config.precision == .bf16 }

    private func backwardData(_ k: any Conv2DKernel, input: Activations, gradZ: UnsafePointer<Float>, gradInput: Activations?) {
        if let gradInput {
            if masksInputGradientByReLU && !Conv2D.masksInBackwardWeights(k) {
                OpProfile.measure(profile, "\(name) backward data + ReLU mask below") {
                    k.backwardData(gradOutput: gradZ, weights: kernel.value.baseAddress!, gradInput: gradInput.pointer, maskedByReLUOutput: input.pointer)
                }
            } else {
                OpProfile.measure(profile, "\(name) backward data") {
                    k.backwardData(gradOutput: gradZ, weights: kernel.value.baseAddress!, gradInput: gradInput.pointer)
                }
            }
        }
    }
}
