import Foundation
import GradientChecks
import NN
import Neuron
import Tensor
import Training
import XCTest

/// One exponential neuron per output unit (Kawaguchi & Kaelbling): gradients, the per-neuron
/// identity, and the theorem's promise on separable k-class data.
final class MultiOutputNeuronTests: XCTestCase {
    func testGradientCheckOfThreeNeurons() throws {
        let shape = [4, 5], batch = 3, d = 20, k = 3
        var check = LayerGradientCheck(layer: ExponentialNeuron(lambda: 0.1, units: k), inputShape: shape, batch: batch) { x, p in
            let (a, w, b) = (p[0], p[1], p[2])  // w is [inputs, k]
            return (0..<(batch * k)).map { i in
                let n = i / k, unit = i % k
                return a[unit] * Foundation.exp((0..<d).reduce(b[unit]) { $0 + w[$1 * k + unit] * x[n * d + $1] })
            }
        }
        check.parameterRange = (-0.3, 0.3)
        let result = try check.run(seed: 8)
        XCTAssertLessThan(result.worst, 1e-2, result.detail)
    }

    func testEachOutputGetsItsOwnNeuron() throws {
        let base = try multilayerPerceptron(hidden: [3], inputShape: [4], head: .logits(3))
        let model = try base.augmented(lambda: 0.1)
        XCTAssertEqual(model.outputShape, [3])
        XCTAssertEqual(model.neuron.units, 3)
        XCTAssertEqual(model.neuron.a.shape, [3]); XCTAssertEqual(model.neuron.w.shape, [4, 3]); XCTAssertEqual(model.neuron.b.shape, [3])
        var g = SeededGenerator(seed: 4)
        model.store.initialize(using: &g)
        let x = try Tensor(shape: [2, 4], scalars: [0.1, 0.2, 0.3, 0.4, -1, 0, 1, 2])
        let f = try model.predict(x), f0 = try base.predict(x)
        let n = model.neuron
        for s in 0..<2 {
            for k in 0..<3 {
                let z = (0..<4).reduce(n.b.value[k]) { $0 + n.w.value[$1 * 3 + k] * x.scalars[s * 4 + $1] }
                XCTAssertEqual(f.scalars[s * 3 + k], f0.scalars[s * 3 + k] + n.a.value[k] * Foundation.exp(z), accuracy: 1e-5)
            }
        }
        // One output keeps the one-neuron shapes: a [1], w [inputs].
        let single = try multilayerPerceptron(hidden: [3], inputShape: [4]).augmented()
        XCTAssertEqual(single.neuron.a.shape, [1]); XCTAssertEqual(single.neuron.w.shape, [4])
    }

    func testIdentityHoldsPerNeuronForTheAugmentedEightClassSeedCNN() throws {
        let model = try seedCNN(head: .logits(8)).augmented(lambda: 0.1)
        let loss = SoftmaxCrossEntropy(classes: 8)
        let trainer = try Trainer(model: model, loss: loss, optimizer: Adam(), seed: 1)
        let data = uniformInputs(samples: 24, shape: [28, 28, 3], high: 3, seed: 2)
        var g = SeededGenerator(seed: 3)
        let labels = try Tensor(shape: [24], scalars: (0..<24).map { _ in Float(g.next() % 8) })
        let labeled = try LabeledData(x: data.x, y: labels, inputShape: [28, 28, 3], labels: loss.labels, name: "random batch")
        for trial in 0..<3 {
            for p in trainer.store.parameters { for i in p.value.indices { p.value[i] = g.uniform(-0.3, 0.3) / Float(max(1, p.count / 64)) } }
            for k in 0..<8 {
                model.neuron.a.value[k] = [Float(1e-6), -0.03, 0.5, 7, -40, 0.2, -2, 0.01][(k + trial) % 8]
                model.neuron.b.value[k] = g.uniform(-1, 1)
            }
            let batch = (0..<16).map { _ in Int(g.next() % 24) }
            try trainer.computeGradients(labeled, indices: batch[...])
            for k in 0..<8 {
                let residual = IdentityCheck.relativeResidual(neuron: model.neuron, unit: k)
                XCTAssertLessThan(residual, 1e-3, "trial \(trial), neuron \(k), a = \(model.neuron.a.value[k])")
                XCTAssertNotEqual(model.neuron.b.gradient[k], 0, "trial \(trial), neuron \(k): the check must not be vacuous")
            }
        }
    }

    /// Points in [-1, 1]^dim labelled by the largest of k random linear scores, with a margin.
    private func separableClasses(samples: Int, dim: Int, classes: Int, seed: UInt64) -> (x: Tensor, y: Tensor) {
        var g = SeededGenerator(seed: seed)
        let normals = (0..<classes).map { _ in (0..<dim).map { _ in g.uniform(-1, 1) } }
        var xs: [Float] = [], ys: [Float] = []
        while ys.count < samples {
            let x = (0..<dim).map { _ in g.uniform(-1, 1) }
            let scores = normals.map { zip($0, x).reduce(0) { $0 + $1.0 * $1.1 } }.enumerated().sorted { $0.element > $1.element }
            if scores[0].element - scores[1].element < 0.3 { continue }
            xs += x; ys.append(Float(scores[0].offset))
        }
        return (try! Tensor(shape: [samples, dim], scalars: xs), try! Tensor(shape: [samples], scalars: ys))
    }

    func testSeparableClassesDriveEveryScaleToZeroAndTheBaseFitsAlone() throws {
        let k = 4
        for seed: UInt64 in [3, 4, 5, 6] {
            let data = separableClasses(samples: 200, dim: 6, classes: k, seed: 11 + seed)
            let loss = SoftmaxCrossEntropy(classes: k)
            let model = try multilayerPerceptron(hidden: [16], inputShape: [6], head: .logits(k)).augmented(lambda: 0.1)
            let trainer = try Trainer(model: model, loss: loss, optimizer: SGD(learningRate: 0.1, momentum: 0.9), seed: seed)
            let labeled = try LabeledData(x: data.x, y: data.y, inputShape: [6], labels: loss.labels, name: "separable classes")
            let monitor = NeuronMonitor(model: model, training: labeled)
            monitor.printWarnings = false
            let history = try trainer.fit(labeled, batchSize: 50, epochs: 150, callbacks: [monitor], progress: .quiet)
            for unit in 0..<k {
                XCTAssertLessThan(abs(history["a[\(unit)]"]!.last!), 1e-3, "seed \(seed), neuron \(unit): final a = \(history["a[\(unit)]"]!.last!)")
            }
            XCTAssertLessThan(abs(history["a"]!.last!), 1e-3)
            XCTAssertLessThan(history["identity_residual"]!.max()!, 1e-3)
            // The base network alone, taken out of the augmented model.
            let base = try model.base.evaluate(labeled, loss: loss)
            XCTAssertEqual(base.accuracy, 1, "base network alone: training accuracy \(base.accuracy)")
            XCTAssertEqual(history["f0_accuracy"]!.last!, 1)
        }
    }

    /// With several neurons the scale rule judges "settled" by the largest change of any a_k, not by
    /// the summary a, which can jump between neurons.
    func testScaleRuleUsesTheLargestChangeOfAnyNeuron() {
        let rule = ScaleEarlyStopping(scaleTolerance: 1e-3, changeTolerance: 1e-4, patience: 2)
        XCTAssertFalse(rule.update(epoch: 1, a: 5e-4, change: nil, valLoss: 1))
        XCTAssertFalse(rule.update(epoch: 2, a: 5e-4, change: 3e-4, valLoss: 1.1), "another neuron still moves")
        XCTAssertFalse(rule.update(epoch: 3, a: -5e-4, change: 3e-4, valLoss: 1.2))
        XCTAssertTrue(rule.update(epoch: 4, a: 5e-4, change: 5e-5, valLoss: 1.3), "every neuron settled, val_loss stalled")
        // Without `change`, the same summary values would compare two neurons' a: 1e-3 apart, never settled.
        let plain = ScaleEarlyStopping(scaleTolerance: 1e-3, changeTolerance: 1e-4, patience: 2)
        XCTAssertFalse(
            [5e-4, -5e-4, 5e-4, -5e-4].enumerated().map { plain.update(epoch: $0.offset + 1, a: $0.element, valLoss: 1 + Double($0.offset)) }.contains(true))
    }
}
