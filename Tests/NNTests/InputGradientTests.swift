import Backend
import GradientChecks
import NN
import Tensor
import XCTest

/// `Sequential.computesInputGradient`: dLoss/dInput of a whole model (what trains a GAN's generator
/// through its discriminator), against float64 central differences, and no change to anything else.
final class InputGradientTests: XCTestCase {
    private func model(inputGradient: Bool) throws -> Sequential {
        let model = try Sequential(
            [
                Dense(units: 6, activation: .relu), Maxout(units: 4, pieces: 3), BatchNormalization(),
                Dense(units: 2)
            ], inputShape: [5])
        var g = SeededGenerator(seed: 3)
        model.store.initialize(using: &g)
        let bn = model.layers[2] as! BatchNormalization
        for p in bn.parameters { for i in p.value.indices { p.value[i] = g.uniform(0.5, 1.5) } }
        model.computesInputGradient = inputGradient
        return model
    }

    /// Runs forward (training) and backward of sum(r * output) on `x`; returns dLoss/dInput if computed.
    private func gradients(_ model: Sequential, _ x: [Float], _ r: [Float], batch: Int) throws -> [Float]? {
        var x = x, r = r
        return try x.withUnsafeMutableBufferPointer { xs in
            _ = try model.forward(xs.baseAddress!, batchSize: batch, training: true)
            try r.withUnsafeMutableBufferPointer { _ = try model.backward(gradOutput: $0.baseAddress!, batchSize: batch) }
            return model.inputGradient.map { Array(UnsafeBufferPointer(start: $0, count: batch * model.inputSize)) }
        }
    }

    func testInputGradientMatchesCentralDifferences() throws {
        let batch = 4
        let net = try model(inputGradient: true)
        var g = SeededGenerator(seed: 5)
        let x = (0..<(batch * 5)).map { _ in g.uniform(-1, 1) }, r = (0..<(batch * 2)).map { _ in g.uniform(-1, 1) }
        let analytic = try XCTUnwrap(try gradients(net, x, r, batch: batch))
        let p = net.parameters.map { $0.value.map(Double.init) }
        func forward64(_ x: [Double]) throws -> [Double] {
            let h = try ReferenceOps.denseForward(DenseConfig(batch: batch, inFeatures: 5, outFeatures: 6), input: x, weights: p[0], bias: p[1])
            let m = try maxout64(h.map { max(0, $0) }, batch: batch, inFeatures: 6, units: 4, pieces: 3, kernel: p[2], bias: p[3])
            let b = batchNormalization64(m, channels: 4, gamma: p[4], beta: p[5], epsilon: 1e-3)
            return try ReferenceOps.denseForward(DenseConfig(batch: batch, inFeatures: 4, outFeatures: 2), input: b, weights: p[6], bias: p[7])
        }
        let result = try GradientCheck.check(
            { try zip(forward64($0), r).reduce(0) { $0 + $1.0 * Double($1.1) } },
            at: x.map(Double.init), analytic: analytic.map(Double.init))
        XCTAssertLessThan(result.maxRelativeError, 1e-2, "\(result)")
    }

    /// The weight gradients have the same bits with or without the input gradient, and without it there is none.
    func testOptInChangesNothingElse() throws {
        var g = SeededGenerator(seed: 8)
        let x = (0..<15).map { _ in g.uniform(-1, 1) }, r = (0..<6).map { _ in g.uniform(-1, 1) }
        let with = try model(inputGradient: true), without = try model(inputGradient: false)
        XCTAssertNotNil(try gradients(with, x, r, batch: 3))
        XCTAssertNil(try gradients(without, x, r, batch: 3))
        XCTAssertEqual(Array(with.store.gradients), Array(without.store.gradients))
    }

    /// `computesWeightGradients = false`: the same input gradient bits, and Dense's and Maxout's weight
    /// gradients left as they were (BatchNormalization, which cannot skip them, still writes its own).
    func testWeightGradientsCanBeLeftOut() throws {
        var g = SeededGenerator(seed: 9)
        let x = (0..<15).map { _ in g.uniform(-1, 1) }, r = (0..<6).map { _ in g.uniform(-1, 1) }
        let net = try model(inputGradient: true)
        let full = try gradients(net, x, r, batch: 3), fullWeights = Array(net.store.gradients)
        net.computesWeightGradients = false
        XCTAssertFalse(net.computesWeightGradients)
        net.store.gradients.update(repeating: 7)
        XCTAssertEqual(try gradients(net, x, r, batch: 3), full)
        for layer in net.layers {
            for p in layer.parameters {
                let i = net.store.parameters.firstIndex { $0 === p }!, offset = net.store.offsets[i]
                let expected = layer is BatchNormalization ? Array(fullWeights[offset..<(offset + p.count)]) : Array(repeating: 7, count: p.count)
                XCTAssertEqual(Array(p.gradient), expected, p.name)
            }
        }
        net.computesWeightGradients = true
        XCTAssertTrue(net.computesWeightGradients)
        _ = try gradients(net, x, r, batch: 3)
        XCTAssertEqual(Array(net.store.gradients), fullWeights)
    }

    /// A reshaping first layer passes the gradient above it down; a zero gradient gives a zero input gradient.
    func testFlattenFirstAndZeroGradient() throws {
        let flat = try Sequential([Flatten(), Dense(units: 2)], inputShape: [2, 3])
        let plain = try Sequential([Dense(units: 2)], inputShape: [6])
        plain.store.restore(flat.store.snapshot())
        flat.computesInputGradient = true; plain.computesInputGradient = true
        let x: [Float] = (0..<12).map { Float($0) / 10 }
        XCTAssertEqual(try gradients(flat, x, [1, -2, 0.5, 3], batch: 2), try gradients(plain, x, [1, -2, 0.5, 3], batch: 2))
        XCTAssertEqual(try gradients(flat, x, [0, 0, 0, 0], batch: 2), Array(repeating: 0, count: 12))
    }
}
