import Backend
import NN
import Neuron
import Tensor
import Training
import XCTest

/// Unscaled inputs can push w.x + b past float32's exp range; that must be a clear error, never NaN.
final class OverflowTests: XCTestCase {
    private func trainer(_ initialization: NeuronInit, inputs: Int) throws -> Trainer {
        let model = try multilayerPerceptron(hidden: [4], inputShape: [inputs]).augmented(lambda: 0.1, initialization: initialization)
        return try Trainer(model: model, loss: PolynomialHinge(power: 3), optimizer: Adam(learningRate: 0.0002), seed: 5)
    }

    func testOverflowIsAClearErrorNotNaN() throws {
        let data = uniformInputs(samples: 64, shape: [200], high: 1000, seed: 1)
        XCTAssertThrowsError(try trainer(.uniform, inputs: 200).fit(x: data.x, y: data.y, batchSize: 32, epochs: 3, progress: .quiet)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("epoch 1, batch 0"), text)
            XCTAssertTrue(text.contains("exponent w.x + b reached"), text)
            XCTAssertTrue(text.contains("88.72"), text)
            XCTAssertTrue(text.contains("(e.g. standardize)") && text.contains("neuronInit zero-w") && text.contains("larger lambda"), text)
            XCTAssertFalse(text.lowercased().contains("nan"), text)
        }
    }

    /// The message names the training sample the exponent overflowed on (here the one extreme sample).
    func testOverflowNamesTheTrainingSample() throws {
        var g = SeededGenerator(seed: 3)
        var x = (0..<(64 * 200)).map { _ in g.uniform(0, 0.01) }
        for i in (45 * 200)..<(46 * 200) { x[i] = 1000 }
        let y = try Tensor(shape: [64], scalars: (0..<64).map { Float($0 % 2 == 0 ? 1 : -1) })
        let t = try trainer(.uniform, inputs: 200)
        (t.model as! AugmentedModel).neuron.w.value.update(repeating: 0.01)  // w.x = 2000 on the extreme sample, 0.01 on the others
        XCTAssertThrowsError(try t.fit(x: Tensor(shape: [64, 200], scalars: x), y: y, batchSize: 32, epochs: 1, shuffle: false, progress: .quiet)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("epoch 1, batch 1 (training sample 45): "), text)
            XCTAssertTrue(text.contains("on sample 13 of the batch"), text)
        }
    }

    /// An overflow while evaluating the validation data names the epoch, the data and its sample.
    func testValidationOverflowNamesEpochDataAndSample() throws {
        var g = SeededGenerator(seed: 4)
        let train = try Tensor(shape: [32, 200], scalars: (0..<(32 * 200)).map { _ in g.uniform(0, 0.01) })
        var xv = (0..<(20 * 200)).map { _ in g.uniform(0, 0.01) }
        for i in (7 * 200)..<(8 * 200) { xv[i] = 1000 }
        let y = try Tensor(shape: [32], scalars: (0..<32).map { Float($0 % 2 == 0 ? 1 : -1) })
        let yv = try Tensor(shape: [20], scalars: (0..<20).map { Float($0 % 2 == 0 ? 1 : -1) })
        let t = try trainer(.uniform, inputs: 200)
        (t.model as! AugmentedModel).neuron.w.value.update(repeating: 0.01)
        XCTAssertThrowsError(try t.fit(x: train, y: y, batchSize: 32, epochs: 1, validation: (try Tensor(shape: [20, 200], scalars: xv), yv), progress: .quiet))
        { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("epoch 1, evaluating the validation data (sample 7): the exponential neuron's exponent"), text)
        }
    }

    func testZeroWInitialisationTrainsTheSameDataWithoutOverflow() throws {
        let data = uniformInputs(samples: 64, shape: [200], high: 1000, seed: 1)
        let t = try trainer(.zeroW, inputs: 200)
        let history = try t.fit(x: data.x, y: data.y, batchSize: 32, epochs: 3, progress: .quiet)
        XCTAssertTrue(history["loss"]!.allSatisfy(\.isFinite))
        XCTAssertEqual(history.epochs, 3)
    }

    func testGradientOverflowBelowTheExpLimitIsAClearErrorNotNaNWeights() throws {
        // z = w.x + b = 80 is below exp's limit, but dL/dw = dy * a * exp(80) * x overflows float32 for x = 1e30.
        let neuron = ExponentialNeuron(lambda: 0.1)
        _ = try neuron.build(inputShape: [2], context: BuildContext(backend: DNNLBackend()))
        let store = try ParameterStore(neuron.parameters)
        neuron.a.value[0] = 0.05; neuron.b.value[0] = 0
        neuron.w.value[0] = 8e-29; neuron.w.value[1] = 0
        var x: [Float] = [1e30, 1], y: [Float] = [0], dy: [Float] = [1]
        try x.withUnsafeMutableBufferPointer { xb in
            try y.withUnsafeMutableBufferPointer { yb in
                try dy.withUnsafeMutableBufferPointer { db in
                    let input = Activations(pointer: xb.baseAddress!, batchSize: 1, sampleShape: [2])
                    let output = Activations(pointer: yb.baseAddress!, batchSize: 1, sampleShape: [1])
                    try neuron.forward(input, output, training: true)
                    XCTAssertTrue(yb[0].isFinite)
                    XCTAssertThrowsError(
                        try neuron.backward(
                            input: input, output: output, gradOutput: Activations(pointer: db.baseAddress!, batchSize: 1, sampleShape: [1]), gradInput: nil)
                    ) { error in
                        XCTAssertTrue("\(error)".contains("gradient overflowed float32"), "\(error)")
                        XCTAssertTrue((error as? NeuronError)?.message.settings == [.standardize, .neuronInit, .lambda], "\(error)")
                    }
                }
            }
        }
        _ = store
    }

    func testInitialisationOptions() throws {
        for (initialization, bound) in [(NeuronInit.uniform, Float(0.05)), (.zeroW, 0), (.scaled, 0.05 / Float(100).squareRoot())] {
            let neuron = try multilayerPerceptron(hidden: [2], inputShape: [100]).augmented(initialization: initialization).neuron
            XCTAssertLessThanOrEqual(neuron.w.value.map(abs).max()!, bound, "\(initialization)")
            XCTAssertLessThanOrEqual(abs(neuron.a.value[0]), 0.05)
        }
        XCTAssertEqual(NeuronInit(rawValue: "zero-w"), .zeroW)
    }
}
