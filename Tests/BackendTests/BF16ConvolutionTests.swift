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
    }
}
