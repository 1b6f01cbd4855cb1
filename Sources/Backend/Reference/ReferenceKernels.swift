// Float32 kernels of the reference backend: thin wrappers over the unchecked pointer code of
// `ReferenceOps`. Initialisers validate the config and throw `ReferenceBackendError`.

/// Reference 2-D convolution (see `ReferenceOps.conv2DForward`).
public final class ReferenceConv2D: Conv2DKernel {
    public let config: Conv2DConfig

    public init(config: Conv2DConfig) throws {
        try ReferenceOps.check(config, operation: "ReferenceBackend.conv2D")
        self.config = config
    }

    public func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.conv2DForward(config, input: input, weights: weights, bias: bias, output: output)
    }

    public func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.conv2DBackwardData(config, gradOutput: gradOutput, weights: weights, gradInput: gradInput)
    }

    /// The whole batch is one chunk here.
    public func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, thenOnEachChunk stage: ChunkStage
    ) {
        forward(input: input, weights: weights, bias: bias, output: output)
        stage(0..<config.batch)
    }

    public func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        firstOnEachChunk stage: ChunkStage
    ) {
        stage(0..<config.batch)
        backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias)
    }

    public func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, maskedByReLUOutput input: UnsafePointer<Float>
    ) {
        backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput)
        ReLUMask.apply(gradInput, reluOutput: input, count: config.inputCount)
    }

    public func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.conv2DBackwardWeights(
            config, input: input, gradOutput: gradOutput,
            gradWeights: gradWeights, gradBias: gradBias)
    }
}

/// Reference fully connected layer (see `ReferenceOps.denseForward`).
public final class ReferenceDense: DenseKernel {
    public let config: DenseConfig

    public init(config: DenseConfig) throws {
        try ReferenceOps.check(config, operation: "ReferenceBackend.dense")
        self.config = config
    }

    public func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.denseForward(config, input: input, weights: weights, bias: bias, output: output)
    }

    public func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.denseBackwardData(config, gradOutput: gradOutput, weights: weights, gradInput: gradInput)
    }

    public func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.denseBackwardWeights(
            config, input: input, gradOutput: gradOutput,
            gradWeights: gradWeights, gradBias: gradBias)
    }
}

/// Reference 2x2 max pooling; remembers the window winners of the last `forward` for `backward`.
public final class ReferenceMaxPool: MaxPoolKernel {
    public let config: MaxPoolConfig
    private var argmax: [Int]
    private var hasForward = false

    public init(config: MaxPoolConfig) throws {
        try ReferenceOps.check(config, operation: "ReferenceBackend.maxPool")
        self.config = config
        argmax = [Int](repeating: 0, count: config.outputCount)
    }

    public func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        forward(input: input, output: output, samples: 0..<config.batch)
    }

    /// Uses the winners recorded by the last `forward` (which must have seen the same input).
    /// Calling this before any `forward` is a programming error and stops the program.
    public func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>, throughReLU: Bool
    ) {
        backward(input: input, output: output, gradOutput: gradOutput, gradInput: gradInput, throughReLU: throughReLU, samples: 0..<config.batch)
    }

    /// The samples' winners are recorded relative to their first sample, as `backward(...samples:)` reads them.
    public func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Range<Int>) {
        let (chunk, inOffset, outOffset) = part(samples)
        argmax.withUnsafeMutableBufferPointer { a in
            ReferenceOps.maxPool2x2Forward(chunk, input: input + inOffset, output: output + outOffset, argmax: a.baseAddress! + outOffset)
        }
        hasForward = true
    }

    public func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, throughReLU: Bool, samples: Range<Int>
    ) {
        precondition(hasForward, "ReferenceMaxPool.backward called before forward: run forward on the same kernel first")
        let (chunk, inOffset, outOffset) = part(samples)
        argmax.withUnsafeBufferPointer { a in
            ReferenceOps.maxPool2x2Backward(chunk, gradOutput: gradOutput + outOffset, argmax: a.baseAddress! + outOffset, gradInput: gradInput + inOffset)
        }
        // The ReLU's derivative: zero where its output (this input) is not positive.
        if throughReLU {
            for i in inOffset..<(inOffset + chunk.inputCount) where !(input[i] > 0) { gradInput[i] = 0 }
        }
    }

    /// The config of `samples` alone and where they start in the input and output buffers.
    private func part(_ samples: Range<Int>) -> (config: MaxPoolConfig, input: Int, output: Int) {
        var chunk = config
        chunk.batch = samples.count
        return (chunk, samples.lowerBound * config.inputCount / config.batch, samples.lowerBound * config.outputCount / config.batch)
    }
}

/// Reference element-wise activation over `count` values.
public final class ReferenceActivation: ActivationKernel {
    public let activation: Activation
    public let count: Int

    public init(_ activation: Activation, count: Int) throws {
        if count < 0 {
            throw ReferenceBackendError.invalidConfig(
                operation: "ReferenceBackend.activation",
                config: "\(activation.rawValue) activation over \(count) values",
                reason: "count is negative; pass the number of values (0 or more)")
        }
        self.activation = activation
        self.count = count
    }

    public func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        ReferenceOps.activationForward(activation, count: count, input: input, output: output)
    }

    public func backward(
        output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        ReferenceOps.activationBackward(
            activation, count: count, output: output, gradOutput: gradOutput,
            gradInput: gradInput)
    }
}
