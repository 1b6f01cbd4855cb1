import NN
import Neuron
import Tensor
import Training
import XCTest

/// An augmented model whose base network is stuck (dead ReLU layer) is reported as stuck in its
/// base only: the neuron still gets a gradient and learns. Its dead units are the base network's.
final class StuckBaseTests: XCTestCase {
    func testStuckBaseWithALearningNeuronIsBaseOnly() throws {
        let base = try Sequential(
            [
                Flatten(), Dense(units: 6, activation: .relu, biasInitializer: .constant(-100), name: "hidden"),
                Dense(units: 1, activation: .tanh, name: "out")
            ], inputShape: [6])
        let model = try base.augmented(lambda: 0.1, initialization: .zeroW)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(), optimizer: SGD(learningRate: 0.01), seed: 1, initializeWeights: false)
        let detector = StuckDetector(), dead = DeadUnitMonitor()
        let data = hyperplaneTask(samples: 64, dim: 6, seed: 8)
        let aBefore = model.neuron.a.value[0]
        _ = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 2, callbacks: [detector, dead], progress: .quiet)
        XCTAssertEqual(detector.epochBlock, GradientBlock(layerIndex: 1, layerName: "hidden", wholeModel: false))
        XCTAssertEqual(dead.epochCounts.map { "\($0.layer) \($0.dead)/\($0.units)" }, ["hidden 6/6"], "the base network's ReLU layers")
        XCTAssertNotEqual(model.neuron.a.value[0], aBefore, "the neuron alone still learns")
    }
}
