import Backend
import XCTest

/// bf16 convolutions multiply bfloat16 values and accumulate in float32: on inputs already rounded
/// to bfloat16 they equal the float32 reference to float32 rounding (1e-4 relative), in either order
/// of the backward passes (backward data reuses backward weights' bf16 copy of the gradient). On a
/// CPU (or under an ISA cap) without native bf16, asking for it is a clear error instead.
final class BF16ConvolutionTests: XCTestCase {
    /// Round to the nearest bfloat16 (ties to even), as oneDNN's f32 -> bf16 reorder does.
    private func bf16(_ x: Float) -> Float {
        let bits = x.bitPattern
        return Float(bitPattern: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000)
    }

    private func assertClose(_ a: [Float], _ b: [Float], _ what: String, tolerance: Float = 1e-4) {
        let scale = max(b.map { abs($0) }.max() ?? 0, 1e-6)
        let worst = zip(a, b).map { abs($0 - $1) / scale }.max() ?? 0
        XCTAssertLessThan(worst, tolerance, "\(what): max relative difference \(worst)")
    }

    func testBF16ConvolutionEqualsTheReferenceOnBF16RoundedValues() throws {
        let dnnl: DNNLBackend
        do {
            dnnl = try DNNLBackend(precision: .bf16)
        } catch {
            XCTAssertTrue("\(error)".contains("bf16 precision needs a CPU with AVX512_BF16"), "\(error)")
            XCTAssertNotEqual(CPUISA.effective, "avx512_core_bf16", "refused bf16 although oneDNN runs avx512_core_bf16")
            return
        }
        XCTAssertEqual(dnnl.precision, .bf16)
        var g = ReferenceTestGenerator(seed: 11)
        for c in [
            Conv2DConfig(batch: 3, height: 5, width: 7, inChannels: 3, outChannels: 5, kernelSize: 3, padding: .valid, fuseReLU: true),
            Conv2DConfig(batch: 10, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid, fuseReLU: true),
            Conv2DConfig(batch: 9, height: 28, width: 28, inChannels: 3, outChannels: 32, kernelSize: 3, padding: .same, fuseReLU: true)
        ] {
            let x = g.uniformArray(c.inputCount, -1, 1).map { bf16(Float($0)) }
            let w = g.uniformArray(c.weightCount, -1, 1).map { bf16(Float($0)) }
            let b = g.uniformArray(c.outChannels, -1, 1).map { Float($0) }
            let dy = g.uniformArray(c.outputCount, -1, 1).map { Float($0) }
            let roundedDy = dy.map(bf16)
            let kernel = try dnnl.conv2D(c)
            let name = "bf16 conv \(c.height)x\(c.width)x\(c.inChannels)->\(c.outChannels) batch \(c.batch)"
            // Data before weights (each casts the gradient itself).
            let a = allPasses(of: kernel, input: x, weights: w, bias: b, gradOutput: dy)
            let r = allPasses(of: try ReferenceBackend().conv2D(c), input: x, weights: w, bias: b, gradOutput: roundedDy)
            for i in 0..<3 { assertClose(a[i], r[i], "\(name) \(weightedPassNames[i])") }
            // The bias gradient sums the float32 gradient.
            assertClose(a[3], allPasses(of: try ReferenceBackend().conv2D(c), input: x, weights: w, bias: b, gradOutput: dy)[3], "\(name) bias")
            // Weights before data, as Conv2D calls them: backward data reuses the gradient's bf16 copy.
            var y = [Float](repeating: 0, count: dy.count), dx = [Float](repeating: 9, count: x.count)
            var dw = [Float](repeating: 9, count: w.count), db = [Float](repeating: 9, count: b.count)
            kernel.forward(input: x, weights: w, bias: b, output: &y)
            kernel.backwardWeights(input: x, gradOutput: dy, gradWeights: &dw, gradBias: &db)
            kernel.backwardData(gradOutput: dy, weights: w, gradInput: &dx)
            XCTAssertEqual(dx, a[1], "\(name): backward data after backward weights")
            XCTAssertEqual(dw, a[2], "\(name): backward weights")
        }
        let names = try dnnl.convolutionImplementations(
            Conv2DConfig(
                batch: 128, height: 28, width: 28, inChannels: 32, outChannels: 32,
                kernelSize: 3, padding: .valid, fuseReLU: true))
        print("bf16 convolution kernels: \(names)")
        for name in names { XCTAssertTrue(name.contains("bf16") && !name.hasPrefix("ref"), "bf16 convolution runs \(name)") }
        // The forward pass prefers oneDNN's direct bf16 kernel over its brgemm one (faster for these shapes).
        XCTAssertTrue(names.first?.hasPrefix("jit_bf16") == true, "bf16 forward runs \(names)")
    }

    /// Backward weights makes the bf16 copy of the output gradient in the bias-sum loop (C); backward data
    /// alone makes it with oneDNN's reorder. A 1x1 convolution with one channel and weight 1 shows the copy
    /// exactly (backward data returns it widened to float32): the two must agree on every value, ties to
    /// even, infinities, signed zeros, the largest floats (rounding up to infinity) and NaN included.
    func testBiasSumLoopRoundsTheGradientToBF16AsOneDNNDoes() throws {
        guard let dnnl = try? DNNLBackend(precision: .bf16) else { return }  // no AVX512_BF16: the test above checks the refusal
        var g = ReferenceTestGenerator(seed: 12)
        var dy: [Float] = g.uniformArray(400, -3, 3).map { Float($0) }
        // Exact ties (low half 0x8000) with even and odd kept halves, one below and above, special values.
        let specials: [UInt32] = [
            0x3F80_8000, 0x3F81_8000, 0x3F80_7FFF, 0x3F80_8001, 0xBF80_8000, 0xBF81_8000, 0x7F7F_FFFF, 0xFF7F_8000,
            0x7F80_0000, 0xFF80_0000, 0x0000_0000, 0x8000_0000, 0x7FC0_0000, 0x0080_0000, 0x0080_8000, 0x3380_0000
        ]
        for (i, bits) in specials.enumerated() { dy[i * 7] = Float(bitPattern: bits) }
        let c = Conv2DConfig(batch: 4, height: 10, width: 10, inChannels: 1, outChannels: 1, kernelSize: 1, padding: .valid)
        let x = [Float](repeating: 1, count: c.inputCount), w: [Float] = [1], b: [Float] = [0]
        var y = [Float](repeating: 0, count: c.outputCount)
        var byLoop = [Float](repeating: 9, count: x.count), byReorder = [Float](repeating: 9, count: x.count)
        var dw: [Float] = [9], db: [Float] = [9]
        let first = try dnnl.conv2D(c), second = try dnnl.conv2D(c)
        first.forward(input: x, weights: w, bias: b, output: &y)
        first.backwardWeights(input: x, gradOutput: dy, gradWeights: &dw, gradBias: &db)
        first.backwardData(gradOutput: dy, weights: w, gradInput: &byLoop)
        second.forward(input: x, weights: w, bias: b, output: &y)
        second.backwardData(gradOutput: dy, weights: w, gradInput: &byReorder)
        XCTAssertEqual(byLoop.map(\.bitPattern), byReorder.map(\.bitPattern), "bf16 copies of the gradient differ")
        XCTAssertEqual(byLoop[1 * 7].bitPattern, 0x3F82_0000, "a tie with an odd kept half rounds up")
        XCTAssertEqual(byLoop[0].bitPattern, 0x3F80_0000, "a tie with an even kept half rounds down")
        XCTAssertTrue(byLoop[12 * 7].isNaN, "NaN stays NaN")
    }
}
