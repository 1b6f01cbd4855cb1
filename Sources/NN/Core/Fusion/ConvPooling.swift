/// Conv2D(relu) then MaxPooling2D whose backward applies the ReLU's mask, as one layer: the
/// convolution runs the pooling's forward on each chunk of samples right after the chunk's output,
/// and its backward (which writes the chunk's output gradient) right before the chunk's backward
/// weights, while the data is in cache. Same kernels and values as the two layers apart.
final class ConvPooling: FusedLayer {
    var name: String
    let conv: Conv2D
    let pool: MaxPooling2D
    private let convShape: [Int], pooledShape: [Int]
    private let convOutput = FloatBuffer(), convGradient = FloatBuffer()

    /// `conv` and `pool` built, `conv` giving per-sample `convShape` and `pool` `pooledShape`.
    init(_ conv: Conv2D, _ pool: MaxPooling2D, convShape: [Int], pooledShape: [Int]) {
        self.conv = conv; self.pool = pool; self.convShape = convShape; self.pooledShape = pooledShape
        name = "\(conv.name)+\(pool.name)"
    }

    var parameters: [Parameter] { conv.parameters }

    /// Its parts are built already.
    func build(inputShape: [Int], context: BuildContext) throws -> [Int] { pooledShape }

    var lowerOutput: UnsafeMutablePointer<Float> { convOutput.pointer }

    private func convActivations(_ buffer: FloatBuffer, batchSize: Int) -> Activations {
        buffer.reserve(batchSize * convShape.reduce(1, *))
        return Activations(pointer: buffer.pointer, batchSize: batchSize, sampleShape: convShape)
    }

    func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        try conv.forward(input, convActivations(convOutput, batchSize: input.batchSize), pooledInto: output, by: pool)
    }

    func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        try conv.backward(
            input: input, output: convActivations(convOutput, batchSize: input.batchSize), pooled: output,
            gradPooled: gradOutput, by: pool, gradOutput: convActivations(convGradient, batchSize: input.batchSize),
            gradInput: gradInput)
    }

    /// Every window's gradient, masked by the ReLU below when the pooling applies it, is zero, and
    /// none is infinite or NaN (whose product with the mask's 0 is NaN).
    func lowerGradientVanishes(output: Activations, gradOutput: Activations) -> Bool {
        let maxima = output.pointer, g = gradOutput.pointer
        let passing: Float = pool.backwardAppliesReLUMask ? 0 : -.infinity
        for j in 0..<gradOutput.count {
            if g[j] * 0 != 0 || g[j] * (maxima[j] > passing ? 1 : 0) != 0 { return false }
        }
        return true
    }
}
