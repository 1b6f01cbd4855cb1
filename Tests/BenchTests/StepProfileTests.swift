import Backend
import Bench
import NN
import SyntheticTasks
import Tensor
import Training
import XCTest

/// A profiled train step times every part: batch gathering, each layer's forward, loss, each layer's
/// backward (a convolution's ReLU mask, backward weights and backward data apart), optimizer.
final class StepProfileTests: XCTestCase {
    func testProfiledStepsNameEveryPartAndSplitConvolutionBackward() throws {
        let model = try Sequential(
            [
                Conv2D(filters: 4, kernelSize: 3, activation: .relu, name: "c1"),
                Conv2D(filters: 4, kernelSize: 3, activation: .relu, name: "c2"), MaxPooling2D(name: "pool"),
                Flatten(name: "flat"), Dense(units: 1, activation: .tanh, name: "out")
            ], inputShape: [8, 8, 1])
        let data = syntheticPatchTask(samples: 32, shape: [8, 8, 1], seed: 4)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.001), seed: 2)
        let labeled = try LabeledData(x: data.x, y: data.y, inputShape: [8, 8, 1], labels: .plusMinusOne, name: "data")
        let profile = OpProfile()
        trainer.profile = profile
        model.profile = profile
        XCTAssertTrue(model.layers.compactMap { $0 as? Conv2D }.allSatisfy { $0.profile === profile }, "convolutions time their own parts")
        for batch in 0..<2 { _ = try trainer.trainStep(labeled, indices: Array(0..<32)[(batch * 16)..<((batch + 1) * 16)]) }
        XCTAssertEqual(
            profile.names,
            [
                // Flatten copies nothing inside a Sequential: it has no passes.
                // c2 runs the pooling's forward and backward per chunk inside its own passes.
                "gather batch", "c1 forward", "c2 forward + pool forward", "out forward", "loss",
                // The pooling's backward applies c2's ReLU mask, and c2's backward data c1's:
                // neither convolution has a ReLU pass of its own.
                "out backward",
                "c2 backward weights + bias sums + pool backward", "c2 backward data + ReLU mask below",
                "c1 backward weights + bias sums",
                "regularization + finite-gradient check", "optimizer step"
            ])
        for name in profile.names { XCTAssertGreaterThan(profile.seconds(name), 0, name) }
        let step = try StepProfile(
            profile: profile, steps: 2, seconds: profile.names.reduce(0) { $0 + profile.seconds($1) },
            model: model, batchSize: 16, backend: DNNLBackend())
        XCTAssertEqual(
            step.parts.filter(\.convolution).map(\.name),
            [
                "c1 forward", "c2 forward + pool forward", "c2 backward weights + bias sums + pool backward", "c2 backward data + ReLU mask below",
                "c1 backward weights + bias sums"
            ])
        XCTAssertTrue(step.parts.filter(\.convolution).allSatisfy { ($0.kernel ?? "").contains(":") })
        XCTAssertEqual(step.parts.reduce(0) { $0 + $1.share }, 1, accuracy: 1e-9)
        XCTAssertTrue(step.text.contains("outside the convolution passes"))
        model.profile = nil
        XCTAssertTrue(model.layers.compactMap { $0 as? Conv2D }.allSatisfy { $0.profile == nil })
    }
}
