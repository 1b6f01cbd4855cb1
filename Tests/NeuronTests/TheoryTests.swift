import NN
import Neuron
import Tensor
import Training
import XCTest

/// What the theorem promises, and what it predicts when its assumption fails.
final class TheoryTests: XCTestCase {
    func testIdentityHoldsForTheAugmentedSeedCNNAtRandomParameters() throws {
        let model = try seedCNN().augmented(lambda: 0.1)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(power: 3), optimizer: Adam(), seed: 1)
        let data = uniformInputs(samples: 24, shape: [28, 28, 3], high: 3, seed: 2)
        let labeled = try LabeledData(x: data.x, y: data.y, inputShape: [28, 28, 3], labels: .plusMinusOne, name: "random batch")
        var g = SeededGenerator(seed: 3)
        for (trial, a) in [Float(1e-6), -0.03, 0.5, 7, -40].enumerated() {
            // Random parameters everywhere, then the chosen scale.
            for p in trainer.store.parameters { for i in p.value.indices { p.value[i] = g.uniform(-0.3, 0.3) / Float(max(1, p.count / 64)) } }
            model.neuron.a.value[0] = a
            model.neuron.b.value[0] = g.uniform(-1, 1)
            let batch = (0..<16).map { _ in Int(g.next() % 24) }
            try trainer.computeGradients(labeled, indices: batch[...])
            let residual = IdentityCheck.relativeResidual(neuron: model.neuron)
            XCTAssertLessThan(residual, 1e-3, "trial \(trial), a = \(a): a dL/da - dL/db - 2 lam a^2 relative residual \(residual)")
            XCTAssertNotEqual(model.neuron.b.gradient[0], 0, "trial \(trial): the check must not be vacuous")
        }
    }

    func testSeparableDataDrivesTheScaleToZeroAndF0FitsWithMarginOne() throws {
        let data = hyperplaneTask(samples: 200, dim: 10, seed: 1)
        let base = try multilayerPerceptron(hidden: [16], inputShape: [10], head: .linear)
        let model = try base.augmented(lambda: 0.1)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(power: 3), optimizer: SGD(learningRate: 0.1, momentum: 0.9), seed: 3)
        let labeled = try LabeledData(x: data.x, y: data.y, inputShape: [10], labels: .plusMinusOne, name: "separable data")
        let monitor = NeuronMonitor(model: model, training: labeled)
        monitor.printWarnings = false
        let history = try trainer.fit(labeled, batchSize: 50, epochs: 150, callbacks: [monitor], progress: .quiet)
        XCTAssertLessThan(abs(history["a"]!.last!), 1e-3, "final a = \(history["a"]!.last!)")
        XCTAssertEqual(history["diverging"]!.max(), 0, "separable data must never be flagged")
        // f0 taken out and used alone.
        let margins = zip(try model.base.predict(data.x).scalars, data.y.scalars).map { $0 * $1 }
        XCTAssertGreaterThanOrEqual(margins.min()!, 1, "smallest margin of f0 alone: \(margins.min()!)")
        XCTAssertEqual(history["f0_accuracy"]!.last!, 1)
    }

    func testUnfittableDataRaisesTheDivergenceFlag() throws {
        let data = hyperplaneTask(samples: 100, dim: 10, seed: 1, randomLabels: true)
        let model = try multilayerPerceptron(hidden: [2], inputShape: [10]).augmented(lambda: 0.1)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(power: 3), optimizer: SGD(learningRate: 0.1), seed: 3)
        let labeled = try LabeledData(x: data.x, y: data.y, inputShape: [10], labels: .plusMinusOne, name: "random labels")
        let monitor = NeuronMonitor(model: model, training: labeled)
        monitor.printWarnings = false
        let history = try trainer.fit(labeled, batchSize: 50, epochs: 120, callbacks: [monitor], progress: .quiet)
        XCTAssertEqual(history["diverging"]!.max(), 1)
        XCTAssertTrue(monitor.warning?.contains("cannot put every training point at margin >= 1") ?? false, monitor.warning ?? "no warning")
    }

    func testDetectorRules() {
        let d = DivergenceDetector()
        let n = 40
        // (A) a falls, b rises steadily.
        let fallingA = (0..<n).map { 0.5 * pow(0.95, Double($0)) }, risingB = (0..<n).map { 0.1 * Double($0) }
        XCTAssertTrue(d.isDiverging(scale: fallingA, bias: risingB, weightNorm: [Double](repeating: 1, count: n)))
        // Converging: a falls, b and |w| settle.
        XCTAssertFalse(d.isDiverging(scale: fallingA, bias: [Double](repeating: 0.2, count: n), weightNorm: [Double](repeating: 1, count: n)))
        // (B) weights keep growing while a does not converge.
        XCTAssertTrue(
            d.isDiverging(scale: [Double](repeating: 0.3, count: n), bias: [Double](repeating: 0, count: n), weightNorm: (0..<n).map { 1 + 0.01 * Double($0) }))
        // Too early to tell.
        XCTAssertFalse(d.isDiverging(scale: Array(fallingA.prefix(10)), bias: Array(risingB.prefix(10)), weightNorm: [Double](repeating: 1, count: 10)))
    }
}
