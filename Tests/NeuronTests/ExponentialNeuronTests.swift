import Backend
import GradientChecks
import NN
import Neuron
import Tensor
import Training
import XCTest

final class ExponentialNeuronTests: XCTestCase {
    /// float32 backward vs float64 central differences of sum(r * a exp(w.x + b)), through the
    /// tests' shared layer gradient check (input, a, w and b).
    func testGradientCheck() throws {
        let shape = [5, 7, 3], batch = 3, d = 105
        var check = LayerGradientCheck(layer: ExponentialNeuron(lambda: 0.1), inputShape: shape, batch: batch) { x, p in
            let (a, w, b) = (p[0][0], p[1], p[2][0])
            return (0..<batch).map { n in a * Foundation.exp((0..<d).reduce(b) { $0 + w[$1] * x[n * d + $1] }) }
        }
        check.parameterRange = (-0.2, 0.2)
        let result = try check.run(seed: 4)
        XCTAssertLessThan(result.worst, 1e-2, result.detail)
    }

    func testAugmentedOutputIsBasePlusNeuronAndBaseIsUsableAlone() throws {
        let base = try multilayerPerceptron(hidden: [3], inputShape: [4])
        let model = try base.augmented(lambda: 0.1)
        let x = try Tensor(shape: [2, 4], scalars: [0.1, 0.2, 0.3, 0.4, -1, 0, 1, 2])
        let f = try model.predict(x), f0 = try base.predict(x)
        for n in 0..<2 {
            let z = (0..<4).reduce(model.neuron.b.value[0]) { $0 + model.neuron.w.value[$1] * x.scalars[n * 4 + $1] }
            XCTAssertEqual(f.scalars[n], f0.scalars[n] + model.neuron.a.value[0] * Foundation.exp(z), accuracy: 1e-6)
        }
        XCTAssertEqual(model.parameters.map(\.name).suffix(3), ["exp_neuron/a", "exp_neuron/w", "exp_neuron/b"])
    }

    func testPairedDesignSharesBaseInitialWeights() throws {
        let plain = try Trainer(model: try seedCNN(inputShape: [8, 8, 3]), loss: PolynomialHinge(), optimizer: Adam(), seed: 9)
        let augmented = try Trainer(model: try seedCNN(inputShape: [8, 8, 3]).augmented(), loss: PolynomialHinge(), optimizer: Adam(), seed: 9)
        XCTAssertEqual(Array(augmented.store.snapshot().prefix(plain.store.count)), plain.store.snapshot())
        XCTAssertEqual(plain.shuffleGenerator, augmented.shuffleGenerator)
    }

    func testScaleEarlyStoppingRule() {
        let rule = ScaleEarlyStopping(scaleTolerance: 1e-3, changeTolerance: 1e-4, patience: 3)
        // val loss improves, then stalls; a settles below tolerance with tiny changes.
        let aSeries = [0.05, 0.02, 0.005, 0.0009, 0.00088, 0.00087, 0.00087]
        let losses = [1.0, 0.9, 0.8, 0.85, 0.86, 0.87, 0.9]
        var stoppedAt: Int?
        for (i, (a, l)) in zip(aSeries, losses).enumerated() where stoppedAt == nil {
            if rule.update(epoch: i + 1, a: a, valLoss: l) { stoppedAt = i + 1 }
        }
        XCTAssertEqual(stoppedAt, 6)
        XCTAssertEqual(rule.bestEpoch, 3)
        // Scale still moving: no stop however long validation loss stalls.
        let moving = ScaleEarlyStopping(patience: 1)
        XCTAssertFalse((1...10).map { moving.update(epoch: $0, a: 0.1 / Double($0), valLoss: 1) }.contains(true))
    }
}
