import Backend
import GradientChecks
import NN
import XCTest

/// Maxout in float64: the dense layer, then the maximum over each unit's `pieces` consecutive outputs.
func maxout64(_ x: [Double], batch: Int, inFeatures: Int, units: Int, pieces: Int, kernel: [Double], bias: [Double]) throws -> [Double] {
    let z = try ReferenceOps.denseForward(
        DenseConfig(batch: batch, inFeatures: inFeatures, outFeatures: units * pieces),
        input: x, weights: kernel, bias: bias)
    return (0..<(batch * units)).map { u in z[(u * pieces)..<((u + 1) * pieces)].max()! }
}

final class MaxoutTests: XCTestCase {
    func testGradientsMatchCentralDifferences() throws {
        for (units, pieces) in [(4, 3), (3, 1), (2, 5)] {
            let check = LayerGradientCheck(layer: Maxout(units: units, pieces: pieces), inputShape: [7], batch: 3) { x, p in
                try maxout64(x, batch: 3, inFeatures: 7, units: units, pieces: pieces, kernel: p[0], bias: p[1])
            }
            let result = try check.run()
            XCTAssertLessThan(result.worst, 1e-2, "Maxout \(units)x\(pieces): \(result.detail)")
        }
    }

    /// Unit u takes affine outputs u*pieces..<(u+1)*pieces (PyTorch's view(N, units, pieces).max(2));
    /// of equal pieces the first gets the gradient.
    func testGroupingAndTies() throws {
        let layer = Maxout(units: 2, pieces: 3)
        let model = try Sequential([layer], inputShape: [1])
        model.computesInputGradient = true
        // Identity-like kernel: z = x * [1, 3, 2, 5, 5, -1] (one sample, x = 1).
        _ = layer.kernel.value.update(from: [1, 3, 2, 5, 5, -1])
        layer.bias.value.update(repeating: 0)
        var x: [Float] = [1]
        let y = try x.withUnsafeMutableBufferPointer { try model.forward($0.baseAddress!, batchSize: 1, training: true).output }
        XCTAssertEqual([y[0], y[1]], [3, 5])
        var dy: [Float] = [10, 20]
        try dy.withUnsafeMutableBufferPointer { _ = try model.backward(gradOutput: $0.baseAddress!, batchSize: 1) }
        XCTAssertEqual(Array(layer.bias.gradient), [0, 10, 0, 20, 0, 0])
        XCTAssertEqual(model.inputGradient?[0], 10 * 3 + 20 * 5)
    }
}
