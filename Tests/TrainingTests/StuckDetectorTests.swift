import NN
import SyntheticTasks
import Tensor
import Training
import XCTest

/// A network whose hidden ReLUs are all dead gets no gradient below that layer: every epoch is stuck
/// there, for any model that reports it; a live network is never stuck.
final class StuckDetectorTests: XCTestCase {
    private func network(hiddenBias: Float) throws -> Sequential {
        try Sequential(
            [
                Flatten(), Dense(units: 6, activation: .relu, biasInitializer: .constant(hiddenBias), name: "hidden"),
                Dense(units: 1, activation: .tanh, name: "out")
            ], inputShape: [8, 8, 1])
    }

    private func epochs(_ model: Sequential, skipping: Bool = true) throws -> [GradientBlock?] {
        model.skipsZeroGradientBranches = skipping
        let data = syntheticPatchTask(samples: 64, shape: [8, 8, 1], seed: 5)
        let trainer = try Trainer(model: model, loss: PolynomialHinge(), optimizer: SGD(learningRate: 0.01), seed: 3, initializeWeights: false)
        final class Record: Callback {
            let detector: StuckDetector
            var blocks: [GradientBlock?] = []
            init(_ detector: StuckDetector) { self.detector = detector }
            func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws { blocks.append(detector.epochBlock) }
        }
        let detector = StuckDetector(), record = Record(detector)
        _ = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 3, callbacks: [detector, record], progress: .quiet)
        return record.blocks
    }

    func testDeadReLULayerIsStuckEveryEpoch() throws {
        for skipping in [true, false] {
            let blocks = try epochs(try network(hiddenBias: -100), skipping: skipping)
            XCTAssertEqual(blocks, Array(repeating: GradientBlock(layerIndex: 1, layerName: "hidden", wholeModel: true), count: 3), "skipping \(skipping)")
        }
    }

    func testLiveNetworkIsNeverStuck() throws {
        XCTAssertEqual(try epochs(try network(hiddenBias: 0.1)), [nil, nil, nil])
    }
}
