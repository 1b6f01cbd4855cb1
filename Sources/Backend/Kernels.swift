// The operations every compute backend provides, over flat float32 buffers in plain,
// Keras-compatible layouts:
//   activations  NHWC (channels last), row-major
//   conv kernels HWIO  [kh, kw, inChannels, outChannels]
//   dense kernels      [inFeatures, outFeatures]
// Two implementations exist: `DNNL*` (oneDNN, used for training) and `Reference*`
// (plain Swift, used by the tests to cross-check oneDNN and for float64 gradient checks).

/// Padding mode of a convolution, with Keras names.
public enum Padding: String, Sendable, Codable {
    /// Output has the input's height and width (stride 1); zero padding of k/2 ((k-1)/2 on the left).
    case same
    /// No padding: output is (H - k + 1) x (W - k + 1).
    case valid
}

/// The number format convolutions multiply in. Weights, optimizer state and every buffer the
/// layers see stay float32 either way.
public enum ComputePrecision: String, Sendable, Codable, CaseIterable {
    /// float32 everywhere.
    case fp32
    /// bfloat16 inputs into the convolutions (activations, weights, output gradients), float32
    /// accumulation and results (Keras' `mixed_bfloat16` trade): about twice the multiply rate on
    /// CPUs with AVX512_BF16, 8 significant bits per multiplied value.
    case bf16
}

/// How convolutions compute their sums. Both are float32 convolutions with Keras' semantics; they
/// differ in rounding and speed.
public enum ConvolutionAlgorithm: String, Sendable, Codable, CaseIterable {
    /// Direct summation over the kernel window (what Keras/TensorFlow run on CPUs).
    case direct
    /// oneDNN's Winograd F(4x4, 3x3) kernels for the 3x3 convolutions with 16+ input channels (float32,
    /// AVX-512 only; the model's other convolutions stay direct): fewer multiplies, so past the FMA
    /// ceiling, at up to about twice direct's rounding error (1e-6 relative; WinogradConvolutionTests).
    case winograd
    /// The default: Winograd where oneDNN has its kernels in this process (AVX-512, float32), direct
    /// elsewhere (AVX2-only CPUs, portable mode, bf16). Resolved once, before any kernel is made
    /// (`CPUISA.resolve`); results then depend on the CPU's instruction set, as oneDNN's kernels do.
    case auto
}

/// Shape of one 2-D convolution call (stride 1, square k x k kernel).
public struct Conv2DConfig: Hashable, Sendable {
    public var batch: Int, height: Int, width: Int, inChannels: Int, outChannels: Int
    public var kernelSize: Int
    public var padding: Padding
    /// Fuse `max(0, .)` into the forward output (oneDNN post-op). Backward kernels always
    /// take the gradient with respect to the pre-activation output.
    public var fuseReLU: Bool
    /// What the multiplications run in (the buffers passed in and out are float32 either way).
    public var precision: ComputePrecision
    /// How the sums are formed (direct or Winograd).
    public var algorithm: ConvolutionAlgorithm

    public init(
        batch: Int, height: Int, width: Int, inChannels: Int, outChannels: Int,
        kernelSize: Int, padding: Padding, fuseReLU: Bool = false, precision: ComputePrecision = .fp32,
        algorithm: ConvolutionAlgorithm = .direct
    ) {
        self.batch = batch; self.height = height; self.width = width
        self.inChannels = inChannels; self.outChannels = outChannels
        self.kernelSize = kernelSize; self.padding = padding; self.fuseReLU = fuseReLU
        self.precision = precision; self.algorithm = algorithm
    }
    /// Zero padding before the first row/column (Keras/TensorFlow 'same': floor((k-1)/2)).
    public var padBefore: Int { padding == .same ? (kernelSize - 1) / 2 : 0 }
    /// Zero padding after the last row/column.
    public var padAfter: Int { padding == .same ? kernelSize - 1 - padBefore : 0 }
    public var outHeight: Int { height + padBefore + padAfter - kernelSize + 1 }
    public var outWidth: Int { width + padBefore + padAfter - kernelSize + 1 }
    public var inputCount: Int { batch * height * width * inChannels }
    public var outputCount: Int { batch * outHeight * outWidth * outChannels }
    public var weightCount: Int { kernelSize * kernelSize * inChannels * outChannels }
    /// Multiply-adds times two of one forward pass.
    public var forwardFLOPs: Double {
        2.0 * Double(outputCount) * Double(kernelSize * kernelSize * inChannels)
    }
}

/// Shape of one fully connected call: y[n, o] = sum_i x[n, i] * w[i, o] + b[o].
public struct DenseConfig: Hashable, Sendable {
    public var batch: Int, inFeatures: Int, outFeatures: Int
    public init(batch: Int, inFeatures: Int, outFeatures: Int) {
        self.batch = batch; self.inFeatures = inFeatures; self.outFeatures = outFeatures
    }
    public var forwardFLOPs: Double { 2.0 * Double(batch * inFeatures * outFeatures) }
}

/// Shape of one 2x2, stride-2 max pooling call (floor: a trailing odd row/column is dropped, as Keras 'valid').
public struct MaxPoolConfig: Hashable, Sendable {
    public var batch: Int, height: Int, width: Int, channels: Int
    public init(batch: Int, height: Int, width: Int, channels: Int) {
        self.batch = batch; self.height = height; self.width = width; self.channels = channels
    }
    public var outHeight: Int { height / 2 }
    public var outWidth: Int { width / 2 }
    public var inputCount: Int { batch * height * width * channels }
    public var outputCount: Int { batch * outHeight * outWidth * channels }
}

/// The three passes of a layer with weights and bias (convolution, fully connected).
public protocol WeightedKernel: AnyObject {
    /// output = op(input, weights) + bias, then the fused activation if the kernel has one (Conv2D's ReLU).
    func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>)
    /// gradInput = gradient of the input, given gradOutput (pre-activation). Overwrites gradInput.
    func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>)
    /// gradWeights, gradBias = gradients given the forward input and gradOutput (pre-activation). Overwrites both.
    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>)
}

/// Work on one chunk of a batch's samples that a convolution runs inside its own pass, on the same
/// thread while the chunk's data is in cache: the max pooling above it, after each chunk's forward,
/// and that pooling's backward (which writes the chunk's output gradient) before each chunk's
/// backward weights. Called on every sample of a chunk, chunk by chunk (forward: once per chunk;
/// backward weights: once per sample), chunks on any thread in any order; a call must read and write
/// its samples only.
public typealias ChunkStage = (_ samples: Range<Int>) -> Void

/// In bf16 precision, a shortcut a backward-weights `ChunkStage` may offer: instead of writing the samples' float32
/// output gradient, it writes each sample's per-channel sums of that gradient (`sums[n * channels + c]` for sample
/// n, each added pixel by pixel in memory order from 0) and the gradient as bfloat16 (`bf16Copy`, from the first of
/// `samples`), the bits the convolution's own sums and copy would give. Returns false, having written nothing, when it
/// cannot; the convolution then runs the stage itself. The float32 gradient stays unwritten when it returns true.
public typealias GradientSumsStage =
    (_ samples: Range<Int>, _ sums: UnsafeMutablePointer<Float>, _ bf16Copy: UnsafeMutablePointer<UInt16>) -> Bool

/// 2-D convolution; the ReLU is fused into the forward output when `config.fuseReLU`.
public protocol Conv2DKernel: WeightedKernel {
    var config: Conv2DConfig { get }
    /// `forward`, then `stage` on each chunk of samples as soon as its output is written.
    func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, thenOnEachChunk stage: ChunkStage)
    /// `backwardWeights`, with `stage` writing each chunk's part of `gradOutput` just before the chunk uses it.
    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        firstOnEachChunk stage: ChunkStage)
    /// The same, letting `sums` stand in for `stage` where the kernel makes a bf16 copy of the gradient: then
    /// `gradOutput` may stay unwritten (a later `backwardData` of the same `gradOutput` reuses that copy).
    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        firstOnEachChunk stage: ChunkStage, orSums sums: GradientSumsStage)
    /// `backwardWeights` of `gradOutput` multiplied by the derivative of the ReLU whose output `reluOutput` is
    /// (the mask `backwardData(maskedByReLUOutput:)` applies). A kernel that works from a bf16 copy of the gradient
    /// masks the copy and the bias sums and leaves `gradOutput` unmasked (a later `backwardData` of the same
    /// `gradOutput` reuses the masked copy); otherwise `gradOutput` is masked in place first.
    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafeMutablePointer<Float>, maskedByReLUOutput reluOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>)
    /// `backwardData`, then gradInput multiplied by the derivative of the ReLU whose output `input` is
    /// (gradient x (input > 0 ? 1 : 0), what the ReLU's own backward gives): that backward pass, another
    /// walk over the same buffer, is skipped.
    func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, maskedByReLUOutput input: UnsafePointer<Float>)
}

extension Conv2DKernel {
    /// Kernels that never copy the gradient to bf16 run the stage.
    public func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        firstOnEachChunk stage: ChunkStage, orSums sums: GradientSumsStage
    ) {
        backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias, firstOnEachChunk: stage)
    }

    /// Kernels without a bf16 copy: `maskThenBackwardWeights`.
    public func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafeMutablePointer<Float>, maskedByReLUOutput reluOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        maskThenBackwardWeights(input: input, gradOutput: gradOutput, maskedByReLUOutput: reluOutput, gradWeights: gradWeights, gradBias: gradBias)
    }

    /// The mask in place on `gradOutput`, then `backwardWeights`.
    func maskThenBackwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafeMutablePointer<Float>, maskedByReLUOutput reluOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        ReLUMask.apply(gradOutput, reluOutput: reluOutput, count: config.outputCount)
        backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias)
    }
}

/// Fully connected layer without activation.
public protocol DenseKernel: WeightedKernel {
    var config: DenseConfig { get }
    /// `backwardWeights` then `backwardData` of the same gradient, with their results; a kernel may run the
    /// two at once (they read the same inputs and write different buffers).
    func backward(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>, gradInput: UnsafeMutablePointer<Float>)
}

extension DenseKernel {
    /// The two passes one after the other.
    public func backward(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>, gradInput: UnsafeMutablePointer<Float>
    ) {
        backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias)
        backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput)
    }
}

/// 2x2 / stride-2 max pooling. Ties go to the first maximum in row-major window order.
public protocol MaxPoolKernel: AnyObject {
    var config: MaxPoolConfig { get }
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>)
    /// Routes gradOutput to the element of each window that won in the forward pass
    /// (`input` and `output` are that pass's, unchanged since: a kernel may use what its forward recorded
    /// for those buffers instead of reading them). Overwrites gradInput (zero elsewhere).
    /// `throughReLU`: the input is a ReLU's output and the gradient should leave multiplied by the
    /// ReLU's derivative too (a window whose maximum is 0 passes none), so the ReLU's own backward
    /// pass, another walk over the same buffer, can be skipped.
    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>, throughReLU: Bool)
    /// `forward` for the samples `samples` only (a chunk of the batch); the pointers are the whole batch's.
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Range<Int>)
    /// `backward` for the samples `samples` only, after `forward` ran on them; the pointers are the whole batch's.
    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, throughReLU: Bool, samples: Range<Int>)
    /// `backward` for `samples`, but delivering what a bf16 convolution below needs instead of `gradInput`: the
    /// per-sample channel sums and the bfloat16 copy of the gradient it would write (`GradientSumsStage`). False,
    /// having written nothing, when the kernel cannot (then call `backward`).
    func backwardSums(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, throughReLU: Bool,
        samples: Range<Int>, sums: UnsafeMutablePointer<Float>, bf16Copy: UnsafeMutablePointer<UInt16>
    ) -> Bool
}

extension MaxPoolKernel {
    /// The plain max-pool backward (`throughReLU: false`).
    public func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>
    ) {
        backward(input: input, output: output, gradOutput: gradOutput, gradInput: gradInput, throughReLU: false)
    }

    /// Kernels without the shortcut.
    public func backwardSums(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, throughReLU: Bool,
        samples: Range<Int>, sums: UnsafeMutablePointer<Float>, bf16Copy: UnsafeMutablePointer<UInt16>
    ) -> Bool { false }
}

/// Element-wise activation functions and their backward given the forward output.
public enum Activation: String, Sendable, Codable, CaseIterable {
    case relu, tanh, sigmoid, linear
}

/// Element-wise activation kernel over `count` values.
public protocol ActivationKernel: AnyObject {
    var activation: Activation { get }
    var count: Int { get }
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>)
    /// gradInput = gradOutput * f'(x), computed from the forward output y = f(x). Overwrites gradInput.
    func backward(output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>)
}

/// Creates kernels; a backend is chosen once per model.
public protocol ComputeBackend: Sendable {
    var name: String { get }
    func conv2D(_ config: Conv2DConfig) throws -> any Conv2DKernel
    func dense(_ config: DenseConfig) throws -> any DenseKernel
    func maxPool(_ config: MaxPoolConfig) throws -> any MaxPoolKernel
    func activation(_ activation: Activation, count: Int) throws -> any ActivationKernel
}
