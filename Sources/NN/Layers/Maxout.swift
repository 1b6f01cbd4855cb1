import Backend
import Tensor

/// Maxout (Goodfellow et al. 2013; PacGAN's discriminator): a fully connected layer with
/// `units * pieces` outputs z, then the maximum over each unit's pieces. Unit u takes
/// z[u * pieces ..< (u + 1) * pieces], as PyTorch's `linear(x).view(N, units, pieces).max(2)` and
/// TensorFlow Addons' `Maxout(units)` group them. Kernel [inFeatures, units * pieces] (glorot_uniform
/// with fans inFeatures and units * pieces by default), bias [units * pieces] (zeros), a flat
/// per-sample input (use `Flatten` before it).
///
/// Backward routes each unit's gradient to the piece that won in the forward pass; of equal
/// pieces, the first (lowest index) wins. The affine part runs on the backend's dense kernel.
public final class Maxout: WeightGradientSkippingLayer {
    public var name: String
    public let units: Int
    public let pieces: Int
    public let kernelInitializer: Initializer, biasInitializer: Initializer
    public private(set) var kernel: Parameter!
    public private(set) var bias: Parameter!
    public var parameters: [Parameter] { kernel.map { [$0, bias] } ?? [] }
    private var backend: (any ComputeBackend)!
    private var inFeatures = 0
    private var kernels = KernelCache<any DenseKernel>()
    /// The affine output z of the last forward pass, and its gradient in backward.
    private let affine = FloatBuffer(), gradAffine = FloatBuffer()
    /// The winning piece of each unit in the last forward pass.
    private let winners = IndexBuffer()
    /// False: backward writes only the input gradient (`WeightGradientSkippingLayer`).
    public var computesWeightGradients = true

    public init(
        units: Int, pieces: Int, kernelInitializer: Initializer = .glorotUniform,
        biasInitializer: Initializer = .zeros, name: String = "maxout"
    ) {
        self.name = name; self.units = units; self.pieces = pieces
        self.kernelInitializer = kernelInitializer; self.biasInitializer = biasInitializer
    }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw TensorError.shapeMismatch(
                expected: [nil], actual: inputShape, context: "layer \(name) (Maxout) input (features); add a Flatten layer before it")
        }
        guard units > 0, pieces > 0 else {
            throw ModelError.nonPositiveSize(layer: "\(name) (Maxout)", sizes: ["units": units, "pieces": pieces])
        }
        inFeatures = inputShape[0]
        backend = context.backend
        let outFeatures = units * pieces
        kernel = Parameter(
            name: "\(name)/kernel", shape: [inFeatures, outFeatures], initializer: kernelInitializer,
            fans: (inFeatures, outFeatures))
        bias = Parameter(name: "\(name)/bias", shape: [outFeatures], initializer: biasInitializer)
        return [units]
    }

    private func compute(batch: Int) throws -> any DenseKernel {
        try kernels.kernel(for: batch) { try backend.dense(DenseConfig(batch: batch, inFeatures: inFeatures, outFeatures: units * pieces)) }
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        let batch = input.batchSize
        affine.reserve(batch * units * pieces)
        try compute(batch: batch).forward(
            input: input.pointer, weights: kernel.value.baseAddress!,
            bias: bias.value.baseAddress!, output: affine.pointer)
        // The forward pass records each unit's winning piece; backward then only routes the gradient
        // (finding the winner again in backward cost about 1 ms of a 20 ms GAN step, measured).
        winners.reserve(batch * units)
        let z = affine.pointer, y = output.pointer, won = winners.pointer
        for unit in 0..<(batch * units) {
            let group = z + unit * pieces
            var best = group[0], winner = 0
            for k in 1..<pieces where group[k] > best { (best, winner) = (group[k], k) }
            y[unit] = best
            won[unit] = Int32(winner)
        }
    }

    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        let batch = input.batchSize, count = batch * units * pieces
        gradAffine.reserve(count)
        let dz = gradAffine.pointer, dy = gradOutput.pointer, won = winners.pointer
        dz.update(repeating: 0, count: count)
        for unit in 0..<(batch * units) { dz[unit * pieces + Int(won[unit])] = dy[unit] }
        let k = try compute(batch: batch)
        if computesWeightGradients {
            k.backwardWeights(input: input.pointer, gradOutput: dz, gradWeights: kernel.gradient.baseAddress!, gradBias: bias.gradient.baseAddress!)
        }
        if let gradInput { k.backwardData(gradOutput: dz, weights: kernel.value.baseAddress!, gradInput: gradInput.pointer) }
    }
}
