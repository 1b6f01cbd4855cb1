import GradientChecks
import NN
import Tensor
import XCTest

/// Binary cross-entropy on a sigmoid head computes from the logit, unclipped, as Keras 3 on
/// TensorFlow does (`_keras_logits` + `sigmoid_cross_entropy_with_logits`): the float32 gradient of
/// a small network through its logits against float64 central differences of the exact loss.
final class SigmoidLogitLossTests: XCTestCase {
    /// -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))] in float64, written independently of the loss.
    private func exactBCE(y: Double, z: Double) -> Double {
        z > 0 ? z * (1 - y) + log1p(exp(-z)) : -z * y + log1p(exp(z))
    }

    func testLossFromLogitsIsExactAndUnclipped() {
        let loss = BinaryCrossEntropy()
        let z: [Float] = [40, -40, 0.3, -2, 17, 0]
        let y: [Float] = [0, 1, 1, 0, 1, 1]
        let p = z.map { Float(1 / (1 + exp(-Double($0)))) }
        var gradient = [Float](repeating: 0, count: z.count)
        let r = loss.evaluate(predictions: p, logits: z, targets: y, count: z.count, gradient: &gradient)
        XCTAssertTrue(r.fromLogits)
        let expected = zip(y, z).map { exactBCE(y: Double($0), z: Double($1)) }.reduce(0, +) / Double(z.count)
        XCTAssertEqual(r.loss, expected, accuracy: 1e-12 * expected)
        XCTAssertGreaterThan(r.loss, 80.0 / 6, "z = ±40 on the wrong side costs 40 each; clipping would cap it at 16.1")
        // d mean / dz = (sigmoid(z) - y) / n, also where the probability is saturated.
        let numeric = GradientCheck.centralDifferences(
            of: { zs in zip(y, zs).map { self.exactBCE(y: Double($0), z: $1) }.reduce(0, +) / Double(zs.count) },
            at: z.map(Double.init), step: 1e-6)
        let check = GradientCheck.compare(analytic: gradient.map(Double.init), numeric: numeric)
        XCTAssertLessThan(check.maxRelativeError, 1e-5, "\(check)")
        XCTAssertEqual(gradient[0], 1.0 / 6, accuracy: 1e-7)
        XCTAssertEqual(gradient[1], -1.0 / 6, accuracy: 1e-7)
        // Without logits it stays Keras' probability path, clipped to [1e-7, 1 - 1e-7].
        let clipped = loss.evaluate(predictions: p, logits: nil, targets: y, count: z.count, gradient: nil)
        XCTAssertFalse(clipped.fromLogits)
        XCTAssertLessThan(clipped.loss, 2 * 16.2 / 6 + 2)
        // Losses without a logit form ignore logits.
        XCTAssertFalse(PolynomialHinge().evaluate(predictions: p, logits: z, targets: y.map { 2 * $0 - 1 }, count: z.count, gradient: nil).fromLogits)
    }

    /// x -> Dense(3, relu) -> Dense(1) with a sigmoid, either fused in the Dense or as an Activation layer.
    private func models() throws -> [Sequential] {
        [
            try Sequential([Dense(units: 3, activation: .relu, name: "hidden"), Dense(units: 1, activation: .sigmoid, name: "head")], inputShape: [4]),
            try Sequential([Dense(units: 3, activation: .relu, name: "hidden"), Dense(units: 1, name: "head"), Sigmoid()], inputShape: [4])
        ]
    }

    func testSigmoidHeadGradientThroughLogitsMatchesFloat64FiniteDifferences() throws {
        for model in try models() {
            var g = SeededGenerator(seed: 21)
            // Large head weights: some logits far beyond where float32 sigmoid saturates.
            for p in model.parameters {
                let range: Float = p.name.hasPrefix("head") ? 40 : 1
                for i in p.value.indices { p.value[i] = g.uniform(-range, range) }
            }
            let n = 16
            let x = (0..<(n * 4)).map { _ in g.uniform(-2, 2) }
            let pass = try x.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: n, training: true) }
            let output = pass.output
            let probabilities = Array(UnsafeBufferPointer(start: output, count: n))
            let logits = try XCTUnwrap(pass.logits, "\(model.layers.map(\.name))")
            let z = Array(UnsafeBufferPointer(start: logits, count: n))
            for i in 0..<n { XCTAssertEqual(Double(probabilities[i]), 1 / (1 + exp(-Double(z[i]))), accuracy: 1e-6) }
            // Every other sample on the wrong side of its logit.
            let y: [Float] = z.indices.map { i in (z[i] > 0) == (i % 2 == 0) ? 1 : 0 }
            XCTAssertTrue(zip(z, y).contains { abs($0) > 20 && ($0 > 0) != ($1 == 1) }, "the check needs a saturated wrong prediction: \(z)")

            var gradient = [Float](repeating: 0, count: n)
            let r = BinaryCrossEntropy().evaluate(predictions: output, logits: logits, targets: y, count: n, gradient: &gradient)
            XCTAssertTrue(r.fromLogits)
            _ = try gradient.withUnsafeBufferPointer { try model.backward(.logits($0.baseAddress!), batchSize: n) }
            let analytic = model.parameters.flatMap { $0.gradient.map(Double.init) }

            let shapes = model.parameters.map(\.value.count)
            func loss64(_ flat: [Double]) -> Double {
                var offset = 0
                let p = shapes.map { count -> [Double] in
                    defer { offset += count }; return Array(flat[offset..<(offset + count)])
                }
                let (w1, b1, w2, b2) = (p[0], p[1], p[2], p[3])
                var sum = 0.0
                for s in 0..<n {
                    var zs = b2[0]
                    for j in 0..<3 {
                        var h = b1[j]
                        for i in 0..<4 { h += Double(x[s * 4 + i]) * w1[i * 3 + j] }
                        zs += max(h, 0) * w2[j]
                    }
                    sum += exactBCE(y: Double(y[s]), z: zs)
                }
                return sum / Double(n)
            }
            let flat = model.parameters.flatMap { $0.value.map(Double.init) }
            XCTAssertEqual(r.loss, loss64(flat), accuracy: 1e-5 * loss64(flat), "the from-logit loss is the exact one")
            let check = GradientCheck.check(loss64, at: flat, analytic: analytic, step: 1e-6)
            XCTAssertLessThan(check.maxRelativeError, 1e-3, "\(model.layers.map(\.name)): \(check)")
        }
    }

    func testOnlyASigmoidOutputKeepsLogits() throws {
        let tanhHead = try Sequential([Dense(units: 1, activation: .tanh)], inputShape: [2])
        let tanhPass = try [Float](repeating: 0.5, count: 2).withUnsafeBufferPointer { try tanhHead.forward($0.baseAddress!, batchSize: 1, training: false) }
        XCTAssertNil(tanhPass.logits)
        XCTAssertThrowsError(try [Float](repeating: 1, count: 1).withUnsafeBufferPointer { try tanhHead.backward(.logits($0.baseAddress!), batchSize: 1) })
        let sigmoidHead = try Sequential([Dense(units: 1, activation: .sigmoid)], inputShape: [2])
        let sigmoidPass = try [Float](repeating: 0.5, count: 2).withUnsafeBufferPointer {
            try sigmoidHead.forward($0.baseAddress!, batchSize: 1, training: false)
        }
        XCTAssertNotNil(sigmoidPass.logits)
    }
}
