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
            XCTAssertTrue(text.contains("--standardize") && text.contains("zero-w") && text.contains("--lambda"), text)
            XCTAssertFalse(text.lowercased().contains("nan"), text)
        }
    }

    func testZeroWInitialisationTrainsTheSameDataWithoutOverflow() throws {
        let data = uniformInputs(samples: 64, shape: [200], high: 1000, seed: 1)
        let t = try trainer(.zeroW, inputs: 200)
        let history = try t.fit(x: data.x, y: data.y, batchSize: 32, epochs: 3, progress: .quiet)
        XCTAssertTrue(history["loss"]!.allSatisfy(\.isFinite))
        XCTAssertEqual(history.epochs, 3)
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
