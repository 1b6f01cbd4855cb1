import NN
import Results
import SyntheticTasks
import Tensor
import Training
import XCTest

/// Units whose bias keeps them below zero for every sample are counted dead in every epoch, per
/// ReLU layer (a convolution's channels, a dense layer's neurons); live units are not.
final class DeadUnitMonitorTests: XCTestCase {
    /// Conv2D(4, relu) with channels 1 and 3 dead, Dense(6, relu) with neurons 0, 1 and 2 dead.
    private func network() throws -> Sequential {
        let model = try Sequential(
            [
                Conv2D(filters: 4, kernelSize: 3, activation: .relu, name: "conv"), Flatten(),
                Dense(units: 6, activation: .relu, name: "hidden"), Dense(units: 1, activation: .tanh, name: "out")
            ],
            inputShape: [8, 8, 1])
        let convBias = model.store.parameter(named: "conv/bias")!.value, hiddenBias = model.store.parameter(named: "hidden/bias")!.value
        for (i, bias) in [Float(0.1), -100, 0.1, -100].enumerated() { convBias[i] = bias }
        for (i, bias) in [Float(-100), -100, -100, 50, 50, 50].enumerated() { hiddenBias[i] = bias }
        return model
    }

    private func epochCounts(_ model: any Model, epochs: Int = 2) throws -> [[DeadUnitCount]] {
        let data = syntheticPatchTask(samples: 48, shape: [8, 8, 1], seed: 2)
        // Learning rate 0: the weights (and so the dead set) stay as built.
        let trainer = try Trainer(model: model, loss: PolynomialHinge(), optimizer: SGD(learningRate: 0), seed: 1, initializeWeights: false)
        final class Record: Callback {
            let monitor: DeadUnitMonitor
            var counts: [[DeadUnitCount]] = []
            init(_ monitor: DeadUnitMonitor) { self.monitor = monitor }
            func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws { counts.append(monitor.epochCounts) }
        }
        let monitor = DeadUnitMonitor(), record = Record(monitor)
        _ = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: epochs, callbacks: [monitor, record], progress: .quiet)
        return record.counts
    }

    private let expected = [DeadUnitCount(layer: "conv", dead: 2, units: 4), DeadUnitCount(layer: "hidden", dead: 3, units: 6)]

    func testDeadChannelsAndNeuronsAreCountedPerReLULayerEveryEpoch() throws {
        XCTAssertEqual(try epochCounts(try network()), [expected, expected])
    }

    func testLiveNetworkHasNoDeadUnitsAndLinearLayersAreNotCounted() throws {
        let model = try Sequential(
            [
                Flatten(), Dense(units: 5, activation: .relu, biasInitializer: .constant(50), name: "hidden"),
                Dense(units: 3, name: "linear"), Dense(units: 1, activation: .tanh, name: "out")
            ], inputShape: [8, 8, 1])
        XCTAssertEqual(try epochCounts(model, epochs: 1), [[DeadUnitCount(layer: "hidden", dead: 0, units: 5)]])
    }
}
