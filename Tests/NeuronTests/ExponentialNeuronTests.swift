import Backend
import NN
import Neuron
import Tensor
import Training
import XCTest

final class ExponentialNeuronTests: XCTestCase {
    /// float32 backward vs float64 central differences of sum(r * a exp(w.x + b)).
    func testGradientCheck() throws {
        let neuron = ExponentialNeuron(lambda: 0.1)
        let shape = [5, 7, 3], batch = 3, d = 105
        _ = try neuron.build(inputShape: shape, context: BuildContext(backend: DNNLBackend()))
        let store = try ParameterStore(neuron.parameters)
        var g = SeededGenerator(seed: 4)
        for p in store.parameters { for i in p.value.indices { p.value[i] = g.uniform(-0.2, 0.2) } }
        neuron.a.value[0] = 0.7
        var x = (0..<(batch * d)).map { _ in g.uniform(-1, 1) }
        var y = [Float](repeating: 0, count: batch), r = (0..<batch).map { _ in g.uniform(-1, 1) }
        var dx = [Float](repeating: 0, count: batch * d)
        try x.withUnsafeMutableBufferPointer { xb in try y.withUnsafeMutableBufferPointer { yb in try r.withUnsafeMutableBufferPointer { rb in try dx.withUnsafeMutableBufferPointer { db in
            let input = Activations(pointer: xb.baseAddress!, batchSize: batch, sampleShape: shape)
            let output = Activations(pointer: yb.baseAddress!, batchSize: batch, sampleShape: [1])
            try neuron.forward(input, output, training: true)
            try neuron.backward(input: input, output: output, gradOutput: Activations(pointer: rb.baseAddress!, batchSize: batch, sampleShape: [1]),
                                gradInput: Activations(pointer: db.baseAddress!, batchSize: batch, sampleShape: shape))
        } } } }
        let x64 = x.map(Double.init), r64 = r.map(Double.init)
        var a = Double(neuron.a.value[0]), b = Double(neuron.b.value[0]), w = neuron.w.value.map(Double.init)
        func loss() -> Double {
            (0..<batch).reduce(0.0) { s, n in
                let z = (0..<d).reduce(b) { $0 + w[$1] * x64[n * d + $1] }
                return s + r64[n] * a * Foundation.exp(z)
            }
        }
        func numeric(_ bump: (Double) -> Void) -> Double {
            let h = 1e-6
            bump(h); let up = loss(); bump(-2 * h); let down = loss(); bump(h)
            return (up - down) / (2 * h)
        }
        func assertClose(_ analytic: Float, _ n: Double, _ what: String) {
            XCTAssertLessThan(abs(Double(analytic) - n) / max(abs(n), 1e-4), 1e-2, "\(what): \(analytic) vs \(n)")
        }
        assertClose(neuron.a.gradient[0], numeric { a += $0 }, "dL/da")
        assertClose(neuron.b.gradient[0], numeric { b += $0 }, "dL/db")
        for i in stride(from: 0, to: d, by: 13) { assertClose(neuron.w.gradient[i], numeric { w[i] += $0 }, "dL/dw[\(i)]") }
        var xs = x64
        func lossX() -> Double {
            (0..<batch).reduce(0.0) { s, n in s + r64[n] * a * Foundation.exp((0..<d).reduce(b) { $0 + w[$1] * xs[n * d + $1] }) }
        }
        for i in stride(from: 0, to: batch * d, by: 29) {
            let h = 1e-6
            xs[i] += h; let up = lossX(); xs[i] -= 2 * h; let down = lossX(); xs[i] += h
            assertClose(dx[i], (up - down) / (2 * h), "dL/dx[\(i)]")
        }
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
