import NN
import Neuron
import Tensor
import Training
import XCTest

/// A user's own `Model`, written with its six members and no layers, trains, is augmented (its
/// output is the base output of the augmented model's forward pass) and is watched by the monitors.
final class CustomModelTests: XCTestCase {
    /// f(x) = w . x + b over `inputs` values.
    final class Linear: Model {
        let inputShape: [Int], outputShape = [1]
        let w: Parameter, b = Parameter(name: "b", shape: [1], initializer: .zeros)
        var parameters: [Parameter] { [w, b] }
        let store: ParameterStore
        private let output = FloatBuffer()
        private var input: UnsafePointer<Float>?

        init(inputs: Int) throws {
            inputShape = [inputs]
            w = Parameter(name: "w", shape: [inputs], initializer: .glorotUniform)
            store = try ParameterStore([w, b])
        }

        func forward(_ input: UnsafePointer<Float>, batchSize: Int, training: Bool) throws -> ForwardPass {
            output.reserve(batchSize)
            let d = inputShape[0]
            for s in 0..<batchSize {
                output.pointer[s] = (0..<d).reduce(b.value[0]) { $0 + w.value[$1] * input[s * d + $1] }
            }
            self.input = input
            return ForwardPass(output: output.pointer)
        }

        func backward(_ gradient: OutputGradient, batchSize: Int) throws -> BackwardPass {
            guard case .output(let g) = gradient, let input else { throw ModelError.backwardBeforeForward(model: "linear") }
            let d = inputShape[0]
            for i in 0..<d { w.gradient[i] = (0..<batchSize).reduce(0) { $0 + g[$1] * input[$1 * d + i] } }
            b.gradient[0] = (0..<batchSize).reduce(0) { $0 + g[$1] }
            return BackwardPass()
        }
    }

    func testACustomModelTrainsAugmentedAndWatched() throws {
        let base = try Linear(inputs: 4)
        let model = try base.augmented(lambda: 0.1, initialization: .zeroW)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(), optimizer: SGD(learningRate: 0.05), seed: 3)
        let data = hyperplaneTask(samples: 64, dim: 4, seed: 2)
        let detector = StuckDetector(), dead = DeadUnitMonitor()
        let history = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 5, callbacks: [detector, dead], progress: .quiet)
        let losses = try XCTUnwrap(history["loss"])
        XCTAssertLessThan(losses.last!, losses.first!)
        XCTAssertNil(detector.epochBlock)
        XCTAssertEqual(dead.epochCounts, [], "no ReLU layers")
        // The augmented model's output is the base's plus the neuron's; its pass carries the base's.
        let x = Array(data.x.scalars[0..<4])
        let pass = try x.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 1, training: false) }
        let f0 = try XCTUnwrap(pass.base).output[0]
        XCTAssertEqual(f0, try base.predict(Tensor(shape: [1, 4], scalars: x)).scalars[0])
        XCTAssertNotEqual(pass.output[0], f0, "the neuron adds to it")
    }
}
