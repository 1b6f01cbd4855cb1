import Backend
import XCTest

/// A convolution's backward data with the ReLU mask of its input fused in gives the bits of
/// backward data followed by the ReLU's own backward pass (oneDNN's eltwise), on both backends:
/// masked values are the gradient times 0 (their zero keeps the gradient's sign).
final class ReLUMaskTests: XCTestCase {
    func testMaskedBackwardDataEqualsBackwardDataThenReLUBackwardBitForBit() throws {
        var g = ReferenceTestGenerator(seed: 31)
        for backend in [DNNLBackend(), ReferenceBackend()] as [any ComputeBackend] {
            for c in [
                Conv2DConfig(batch: 10, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid, fuseReLU: true),
                Conv2DConfig(batch: 3, height: 7, width: 5, inChannels: 4, outChannels: 6, kernelSize: 3, padding: .same)
            ] {
                // The input is a ReLU's output: about half zeros.
                let x = g.uniformArray(c.inputCount, -1, 1).map { Float(max($0, 0)) }
                let w = g.uniformArray(c.weightCount, -1, 1).map { Float($0) }, dy = g.uniformArray(c.outputCount, -1, 1).map { Float($0) }
                let kernel = try backend.conv2D(c)
                var unmasked = [Float](repeating: 9, count: x.count), masked = [Float](repeating: 9, count: x.count)
                kernel.backwardData(gradOutput: dy, weights: w, gradInput: &unmasked)
                kernel.backwardData(gradOutput: dy, weights: w, gradInput: &masked, maskedByReLUOutput: x)
                var apart = [Float](repeating: 9, count: x.count)
                try DNNLBackend().activation(.relu, count: x.count).backward(output: x, gradOutput: unmasked, gradInput: &apart)
                XCTAssertEqual(masked.map(\.bitPattern), apart.map(\.bitPattern), "\(backend.name) conv \(c.inChannels)->\(c.outChannels)")
                XCTAssertTrue(masked.contains { $0 == 0 && $0.sign == .minus }, "a negative gradient masked to -0 is covered")
            }
        }
    }

    /// Backward weights with the ReLU mask of the kernel's own output gives the bits of backward weights of the gradient
    /// masked first by the ReLU's backward pass, and so does a backward data of the same gradient after it (in bf16 it
    /// reuses the masked copy while the float32 gradient stays unmasked; elsewhere the gradient is masked in place).
    func testMaskedBackwardWeightsEqualsMaskingTheGradientFirstBitForBit() throws {
        var g = ReferenceTestGenerator(seed: 32)
        let bf16: (any ComputeBackend)? = try? DNNLBackend(precision: .bf16)
        let backends: [any ComputeBackend] = [DNNLBackend(), ReferenceBackend()] + (bf16.map { [$0] } ?? [])
        for backend in backends {
            let keepsGradientUnmasked = (backend as? DNNLBackend)?.precision == .bf16
            for c in [
                Conv2DConfig(batch: 10, height: 28, width: 28, inChannels: 3, outChannels: 32, kernelSize: 3, padding: .same, fuseReLU: true),
                Conv2DConfig(batch: 3, height: 7, width: 5, inChannels: 4, outChannels: 6, kernelSize: 3, padding: .valid, fuseReLU: true)
            ] {
                let x = g.uniformArray(c.inputCount, -1, 1).map { Float($0) }
                let w = g.uniformArray(c.weightCount, -1, 1).map { Float($0) }, b = g.uniformArray(c.outChannels, -1, 1).map { Float($0) }
                let dy = g.uniformArray(c.outputCount, -1, 1).map { Float($0) }
                let name = "\(backend.name) conv \(c.inChannels)->\(c.outChannels)"
                // The mask is the kernel's own ReLU output (about half zeros), as Conv2D passes it.
                var y = [Float](repeating: 0, count: c.outputCount)
                func passes(masking: Bool) throws -> (gradient: [Float], dw: [Float], db: [Float], dx: [Float]) {
                    let kernel = try backend.conv2D(c)
                    kernel.forward(input: x, weights: w, bias: b, output: &y)
                    var gradient = masking ? dy : [Float](repeating: 0, count: dy.count)
                    var dw = [Float](repeating: 9, count: w.count), db = [Float](repeating: 9, count: b.count)
                    var dx = [Float](repeating: 9, count: x.count)
                    if !masking {
                        try DNNLBackend().activation(.relu, count: y.count).backward(output: y, gradOutput: dy, gradInput: &gradient)
                    }
                    // One buffer for both calls: backward data finds backward weights' bf16 copy by the gradient's address.
                    gradient.withUnsafeMutableBufferPointer { grad in
                        let p = grad.baseAddress!
                        if masking {
                            kernel.backwardWeights(input: x, gradOutput: p, maskedByReLUOutput: y, gradWeights: &dw, gradBias: &db)
                        } else {
                            kernel.backwardWeights(input: x, gradOutput: p, gradWeights: &dw, gradBias: &db)
                        }
                        kernel.backwardData(gradOutput: p, weights: w, gradInput: &dx)
                    }
                    return (gradient, dw, db, dx)
                }
                let fused = try passes(masking: true), apart = try passes(masking: false)
                XCTAssertTrue(y.contains(0) && y.contains { $0 > 0 }, "\(name): the mask has zeros and ones")
                XCTAssertEqual(fused.dw.map(\.bitPattern), apart.dw.map(\.bitPattern), "\(name): weights gradient")
                XCTAssertEqual(fused.db.map(\.bitPattern), apart.db.map(\.bitPattern), "\(name): bias gradient")
                XCTAssertEqual(fused.dx.map(\.bitPattern), apart.dx.map(\.bitPattern), "\(name): backward data after it")
                let expected = keepsGradientUnmasked ? dy : apart.gradient
                XCTAssertEqual(fused.gradient.map(\.bitPattern), expected.map(\.bitPattern), "\(name): the gradient left behind")
            }
        }
    }
}
