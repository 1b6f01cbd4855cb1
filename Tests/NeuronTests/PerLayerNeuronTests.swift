import Foundation
import GradientChecks
import NN
import Neuron
import Tensor
import Training
import XCTest

/// The per-layer variant: neurons on the input and on every hidden layer's output of an MLP.
final class PerLayerNeuronTests: XCTestCase {
    private func model(outputs: Int) throws -> AugmentedModel {
        let head: OutputHead = outputs == 1 ? .linear : .logits(outputs)
        return try multilayerPerceptron(hidden: [6, 5], inputShape: [4], head: head).augmentedPerLayer(lambda: 0.1)
    }

    func testOneNeuronLayerPerHiddenLayerEachWithOneNeuronPerOutput() throws {
        let m = try model(outputs: 2)
        XCTAssertEqual(m.neurons.count, 3)
        XCTAssertEqual(m.taps, [nil, 1, 2], "input, then the two hidden Dense layers (Flatten is layer 0)")
        XCTAssertEqual(m.neurons.map(\.units), [2, 2, 2])
        XCTAssertEqual(m.neurons.map { $0.w.shape }, [[4, 2], [6, 2], [5, 2]])
        XCTAssertEqual(m.parameters.map(\.name).suffix(3), ["exp_neuron_dense_1/a", "exp_neuron_dense_1/w", "exp_neuron_dense_1/b"])
        XCTAssertThrowsError(try seedCNN(inputShape: [8, 8, 3]).augmentedPerLayer()) { XCTAssertTrue("\($0)".contains("fully connected"), "\($0)") }
    }

    /// d(sum_i r_i f_i)/d(every parameter) from backward against float64 central differences of the forward pass.
    func testWholeModelGradientMatchesCentralDifferences() throws {
        for outputs in [1, 3] {
            let m = try model(outputs: outputs)
            var g = SeededGenerator(seed: 21)
            for p in m.parameters { for i in p.value.indices { p.value[i] = g.uniform(-0.5, 0.5) } }
            let n = 5
            let x = (0..<(n * 4)).map { _ in g.uniform(-1, 1) }
            let r = (0..<(n * outputs)).map { _ in g.uniform(-1, 1) }
            func objective() throws -> Double {
                let f = try x.withUnsafeBufferPointer { try m.forward($0.baseAddress!, batchSize: n, training: true) }.output
                return (0..<(n * outputs)).reduce(0.0) { $0 + Double(r[$1]) * Double(f[$1]) }
            }
            _ = try objective()
            _ = try r.withUnsafeBufferPointer { try m.backward(gradOutput: $0.baseAddress!, batchSize: n) }
            for p in m.parameters {
                let analytic = p.gradient.map(Double.init)
                let start = Array(p.value)
                let numeric = try GradientCheck.centralDifferences(
                    of: { v in
                        for i in v.indices { p.value[i] = Float(v[i]) }
                        return try objective()
                    }, at: start.map(Double.init), step: 1e-3)
                for i in start.indices { p.value[i] = start[i] }
                let check = GradientCheck.compare(analytic: analytic, numeric: numeric)
                XCTAssertLessThan(check.maxRelativeError, 2e-2, "\(outputs) output(s), \(p.name): \(check)")
            }
        }
    }

    func testIdentityHoldsForEveryNeuronOfEveryLayer() throws {
        for (outputs, loss) in [(1, PolynomialHinge(power: 3) as any Loss), (3, SoftmaxCrossEntropy(classes: 3))] {
            let m = try model(outputs: outputs)
            let trainer = try Trainer(model: m, loss: loss, optimizer: Adam(), seed: 2)
            var g = SeededGenerator(seed: 5)
            let n = 12
            let x = try Tensor(shape: [n, 4], scalars: (0..<(n * 4)).map { _ in g.uniform(-1, 1) })
            let y = try Tensor(shape: [n], scalars: (0..<n).map { i in outputs == 1 ? (i % 2 == 0 ? 1 : -1) : Float(i % 3) })
            let data = try LabeledData(x: x, y: y, inputShape: [4], labels: loss.labels, name: "random")
            for layer in m.neurons { for k in 0..<layer.units { layer.a.value[k] = g.uniform(-2, 2) } }
            try trainer.computeGradients(data, indices: Array(0..<n)[...])
            for layer in m.neurons {
                for k in 0..<layer.units {
                    let residual = IdentityCheck.relativeResidual(neuron: layer, unit: k)
                    XCTAssertLessThan(residual, 1e-3, "\(layer.name) unit \(k)")
                    XCTAssertNotEqual(layer.b.gradient[k], 0, "\(layer.name) unit \(k): the check must not be vacuous")
                }
            }
        }
    }

    func testSeparableDataDrivesEveryScaleOfEveryLayerToZero() throws {
        let data = hyperplaneTask(samples: 200, dim: 10, seed: 1)
        let m = try multilayerPerceptron(hidden: [16, 8], inputShape: [10], head: .linear).augmentedPerLayer(lambda: 0.1)
        let trainer = try Trainer(model: m, loss: PolynomialHinge(power: 3), optimizer: SGD(learningRate: 0.1, momentum: 0.9), seed: 3)
        let labeled = try LabeledData(x: data.x, y: data.y, inputShape: [10], labels: .plusMinusOne, name: "separable data")
        let monitor = NeuronMonitor(model: m, training: labeled)
        monitor.printWarnings = false
        let history = try trainer.fit(labeled, batchSize: 50, epochs: 150, callbacks: [monitor], progress: .quiet)
        for i in 0..<3 { XCTAssertLessThan(abs(history["a[\(i)]"]!.last!), 1e-3, "neuron \(i): \(history["a[\(i)]"]!.last!)") }
        let margins = zip(try m.base.predict(data.x).scalars, data.y.scalars).map { $0 * $1 }
        XCTAssertGreaterThanOrEqual(margins.min()!, 1, "smallest margin of f0 alone")
    }
}
