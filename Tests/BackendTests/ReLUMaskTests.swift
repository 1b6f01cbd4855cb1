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
}
