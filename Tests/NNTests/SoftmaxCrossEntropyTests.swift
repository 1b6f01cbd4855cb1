import Foundation
import GradientChecks
import NN
import Tensor
import XCTest

/// Softmax cross-entropy: Keras' own values (fixture from scripts/nn/make_cce_fixtures.py, Keras 3
/// on TensorFlow), float64 central differences of an independent formula, and the softmax layer.
final class SoftmaxCrossEntropyTests: XCTestCase {
    private struct Case: Decodable {
        let name: String, classes: Int, from_logits: Bool, sparse: Bool
        let inputs: [Float], labels: [Int], loss: Double, gradient: [Double], accuracy: Double
    }
    private struct Fixture: Decodable { let keras: String; let cases: [Case] }

    private func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras_cce_cases.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testLossGradientAndAccuracyEqualKeras() throws {
        let cases = try fixture().cases
        XCTAssertEqual(cases.count, 16)
        for c in cases {
            let loss = SoftmaxCrossEntropy(classes: c.classes, fromLogits: c.from_logits, sparse: c.sparse)
            let n = c.labels.count
            var gradient = [Float](repeating: .nan, count: c.inputs.count)
            let r = loss.evaluate(predictions: c.inputs, logits: nil, targets: c.labels.map(Float.init), count: n, gradient: &gradient)
            let label = "\(c.name) sparse=\(c.sparse)"
            XCTAssertFalse(r.fromLogits, label)
            XCTAssertEqual(r.loss, c.loss, accuracy: 2e-6 * c.loss, label)
            XCTAssertEqual(Double(r.correct) / Double(n), c.accuracy, accuracy: 1e-6, label)  // Keras averages in float32
            for (i, (mine, keras)) in zip(gradient, c.gradient).enumerated() {
                XCTAssertEqual(Double(mine), keras, accuracy: 1e-7 + 1e-5 * abs(keras), "\(label) gradient[\(i)]")
            }
        }
    }

    /// logsumexp(z) - z_y in float64, written independently of the loss.
    private func exactLoss(_ z: [Double], _ y: [Int], _ k: Int) -> Double {
        var total = 0.0
        for (s, label) in y.enumerated() {
            let row = z[(s * k)..<((s + 1) * k)]
            total += log(row.map { exp($0) }.reduce(0, +)) - row[row.startIndex + label]
        }
        return total / Double(y.count)
    }

    func testGradientFromLogitsMatchesFloat64FiniteDifferences() {
        var g = SeededGenerator(seed: 5)
        for k in [2, 3, 8] {
            let n = 5
            let z = (0..<(n * k)).map { _ in g.uniform(-4, 4) }
            let y = (0..<n).map { _ in Int(g.uniform(0, Float(k)).rounded(.down)) % k }
            var gradient = [Float](repeating: 0, count: z.count)
            _ = SoftmaxCrossEntropy(classes: k).evaluate(predictions: z, logits: nil, targets: y.map(Float.init), count: n, gradient: &gradient)
            let numeric = GradientCheck.centralDifferences(of: { self.exactLoss($0, y, k) }, at: z.map(Double.init), step: 1e-6)
            let check = GradientCheck.compare(analytic: gradient.map(Double.init), numeric: numeric)
            XCTAssertLessThan(check.maxRelativeError, 1e-5, "k=\(k): \(check)")
        }
    }

    func testGradientFromProbabilitiesMatchesFloat64FiniteDifferences() {
        var g = SeededGenerator(seed: 6)
        let k = 4, n = 3
        let p = (0..<(n * k)).map { _ in g.uniform(0.05, 0.9) }  // inside the clip range
        let y = [2, 0, 3]
        for sparse in [false, true] {
            var gradient = [Float](repeating: 0, count: p.count)
            _ = SoftmaxCrossEntropy(classes: k, fromLogits: false, sparse: sparse)
                .evaluate(predictions: p, logits: nil, targets: y.map(Float.init), count: n, gradient: &gradient)
            let numeric = GradientCheck.centralDifferences(
                of: { q in
                    (0..<n).map { s in -log(q[s * k + y[s]] / q[(s * k)..<((s + 1) * k)].reduce(0, +)) }.reduce(0, +) / Double(n)
                }, at: p.map(Double.init), step: 1e-6)
            let check = GradientCheck.compare(analytic: gradient.map(Double.init), numeric: numeric)
            XCTAssertLessThan(check.maxRelativeError, 1e-5, "sparse=\(sparse): \(check)")
        }
    }

    func testSoftmaxLayerGradients() throws {
        let check = LayerGradientCheck(
            layer: Softmax(), inputShape: [5], batch: 3,
            forward64: { x, _ in
                (0..<3).flatMap { s -> [Double] in
                    let row = x[(s * 5)..<((s + 1) * 5)]
                    let top = row.max()!, e = row.map { exp($0 - top) }, total = e.reduce(0, +)
                    return e.map { $0 / total }
                }
            }, inputRange: (-3, 3))
        let result = try check.run()
        XCTAssertLessThan(result.worst, 1e-2, result.detail)
    }

    /// A softmax head keeps its logits: "cce:probabilities" then computes from them (Keras'
    /// `_keras_logits`), with the same loss and gradient as "cce" on the same logits.
    func testSoftmaxHeadComputesFromItsLogits() throws {
        let probabilities = try Sequential(OutputHead.softmax(3).layers(), inputShape: [4])
        let logits = try Sequential(OutputHead.logits(3).layers(), inputShape: [4])
        XCTAssertEqual(probabilities.outputShape, [3])
        var g = SeededGenerator(seed: 9)
        probabilities.store.initialize(using: &g)
        for (a, b) in zip(logits.parameters, probabilities.parameters) { _ = a.value.update(fromContentsOf: b.value) }
        let n = 4
        let x = (0..<(n * 4)).map { _ in g.uniform(-2, 2) }, y: [Float] = [0, 2, 1, 2]
        let viaProbabilities = try x.withUnsafeBufferPointer { try probabilities.forward($0.baseAddress!, batchSize: n, training: true) }
        let p = viaProbabilities.output
        let viaHead = SoftmaxCrossEntropy(classes: 3, fromLogits: false).evaluate(
            predictions: p, logits: viaProbabilities.logits, targets: y, count: n, gradient: nil)
        XCTAssertTrue(viaHead.fromLogits)
        for s in 0..<n { XCTAssertEqual((0..<3).map { p[s * 3 + $0] }.reduce(0, +), 1, accuracy: 1e-6) }
        let viaLogits = try x.withUnsafeBufferPointer { try logits.forward($0.baseAddress!, batchSize: n, training: true) }
        let z = viaLogits.output
        let direct = SoftmaxCrossEntropy(classes: 3).evaluate(predictions: z, logits: viaLogits.logits, targets: y, count: n, gradient: nil)
        XCTAssertEqual(viaHead.loss, direct.loss, accuracy: 1e-12)
        XCTAssertEqual(viaHead.correct, direct.correct)
    }

    func testParsingNamesAndLabels() throws {
        XCTAssertEqual(try LossSpec(parsing: "cce"), .softmaxCrossEntropy(fromLogits: true, sparse: false))
        XCTAssertEqual(try LossSpec(parsing: "scce:probabilities"), .softmaxCrossEntropy(fromLogits: false, sparse: true))
        XCTAssertEqual(try LossSpec(parsing: "sparse_categorical_crossentropy"), .softmaxCrossEntropy(fromLogits: false, sparse: true))
        XCTAssertEqual(try LossSpec(parsing: "categorical_crossentropy:logits").description, "cce")
        XCTAssertThrowsError(try LossSpec(parsing: "cce:soft"))
        let loss = LossSpec.softmaxCrossEntropy(fromLogits: true, sparse: false).make(classes: 8)
        XCTAssertEqual(loss.labels, .classes(8))
        XCTAssertEqual(loss.head, .logits(8))
        XCTAssertTrue(LabelSet.classes(8).contains(7))
        XCTAssertFalse(LabelSet.classes(8).contains(8))
        XCTAssertFalse(LabelSet.classes(8).contains(1.5))
        XCTAssertFalse(LabelSet.classes(8).contains(-1))
    }
}

/// The multi-class polynomial hinge: values by hand, float64 central differences, its zero minimum.
final class MulticlassHingeTests: XCTestCase {
    private func exact(_ z: [Double], _ y: [Int], _ k: Int, _ p: Double) -> Double {
        var total = 0.0
        for (s, label) in y.enumerated() {
            for j in 0..<k where j != label { total += pow(max(0, 1 + z[s * k + j] - z[s * k + label]), p) }
        }
        return total / Double(y.count)
    }

    func testValuesGradientAndAttainedMinimum() {
        let loss = MulticlassPolynomialHinge(classes: 3, power: 3)
        // Sample 0: label 0 leads by 2 and 0.5: (1 - 0.5)^3 = 0.125. Sample 1: label 2 leads both by >= 1: 0.
        let z: [Float] = [2, 0, 1.5, -1, 0, 1]
        var gradient = [Float](repeating: .nan, count: 6)
        let r = loss.evaluate(predictions: z, logits: nil, targets: [0, 2], count: 2, gradient: &gradient)
        XCTAssertEqual(r.loss, 0.125 / 2, accuracy: 1e-12)
        XCTAssertEqual(r.correct, 2)
        XCTAssertEqual(Array(gradient[3...]), [0, 0, 0], "margin >= 1 everywhere: flat, an attained minimum")
        var g = SeededGenerator(seed: 12)
        let k = 4, n = 5
        let zs = (0..<(n * k)).map { _ in g.uniform(-2, 2) }
        let y = [0, 3, 1, 2, 2]
        for p in [2, 3] {
            var grad = [Float](repeating: 0, count: zs.count)
            _ = MulticlassPolynomialHinge(classes: k, power: p).evaluate(predictions: zs, logits: nil, targets: y.map(Float.init), count: n, gradient: &grad)
            let numeric = GradientCheck.centralDifferences(of: { self.exact($0, y, k, Double(p)) }, at: zs.map(Double.init), step: 1e-6)
            let check = GradientCheck.compare(analytic: grad.map(Double.init), numeric: numeric)
            XCTAssertLessThan(check.maxRelativeError, 1e-4, "p=\(p): \(check)")
        }
        XCTAssertEqual(try LossSpec(parsing: "mphinge:3").make(classes: 8).description, "mphinge:3")
        XCTAssertEqual(try LossSpec(parsing: "mphinge").make(classes: 8).labels, .classes(8))
    }
}
