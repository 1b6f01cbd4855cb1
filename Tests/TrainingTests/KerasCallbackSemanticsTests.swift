import NN
import SyntheticTasks
import Tensor
import Training
import XCTest

/// Keras 3's callback semantics (keras/src/callbacks/early_stopping.py, the trainers' batch logs).
final class KerasCallbackSemanticsTests: XCTestCase {
    /// Writes a scripted value per epoch under "probe" and keeps the weights at the end of every epoch
    /// (put it before the EarlyStopping it feeds).
    private final class Probe: Callback {
        let values: [Double]
        var weights: [[Float]] = []
        init(_ values: [Double]) { self.values = values }
        func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
            logs["probe"] = values[epoch - 1]
            weights.append(trainer.store.snapshot())
        }
    }

    private func fit(probe values: [Double], _ stop: EarlyStopping, epochs: Int) throws -> (trainer: Trainer, probe: Probe, history: History) {
        let data = syntheticPatchTask(samples: 40, shape: [6, 6, 1], seed: 5)
        let trainer = try Trainer(model: try parseModel("mlp:4", inputShape: [6, 6, 1]), loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 2)
        let probe = Probe(values)
        let history = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: epochs, callbacks: [probe, stop], progress: .quiet)
        return (trainer, probe, history)
    }

    func testRestoreBestWeightsRestoresAtTheEndEvenWithoutStopping() throws {
        let stop = EarlyStopping(monitor: "probe", patience: 10, restoreBestWeights: true)
        let run = try fit(probe: [3, 1, 2, 2.5], stop, epochs: 4)
        XCTAssertEqual(run.history.epochs, 4)
        XCTAssertNil(stop.stoppedEpoch)
        XCTAssertEqual(stop.bestEpoch, 2)
        XCTAssertEqual(stop.restoredEpoch, 2)
        XCTAssertNotEqual(run.probe.weights[1], run.probe.weights[3], "training must have moved the weights after epoch 2")
        XCTAssertEqual(run.trainer.store.snapshot(), run.probe.weights[1], "the weights after fit must be epoch 2's")
    }

    func testWithoutRestoreTheLastWeightsStay() throws {
        let stop = EarlyStopping(monitor: "probe", patience: 10)
        let run = try fit(probe: [3, 1, 2, 2.5], stop, epochs: 4)
        XCTAssertNil(stop.restoredEpoch)
        XCTAssertEqual(run.trainer.store.snapshot(), run.probe.weights[3])
    }

    func testStoppingRestoresTheBestEpochAtTheEnd() throws {
        let stop = EarlyStopping(monitor: "probe", patience: 2, restoreBestWeights: true)
        let run = try fit(probe: [3, 1, 2, 2, 0.5, 0.1], stop, epochs: 6)
        XCTAssertEqual(run.history.epochs, 4)
        XCTAssertEqual(stop.stoppedEpoch, 4)
        XCTAssertEqual(stop.restoredEpoch, 2)
        XCTAssertEqual(run.trainer.store.snapshot(), run.probe.weights[1])
    }

    func testNaNCountsAsNoImprovement() throws {
        let stop = EarlyStopping(monitor: "probe", patience: 2)
        let run = try fit(probe: [1, .nan, .nan, 0.5, 0.4], stop, epochs: 5)
        XCTAssertEqual(run.history.epochs, 3, "two NaN epochs in a row exhaust patience 2")
        XCTAssertEqual(stop.stoppedEpoch, 3)
        XCTAssertEqual(stop.bestEpoch, 1)
        XCTAssertEqual(stop.best, 1)
    }

    func testEveryFitStartsAfresh() throws {
        let data = syntheticPatchTask(samples: 40, shape: [6, 6, 1], seed: 5)
        let trainer = try Trainer(model: try parseModel("mlp:4", inputShape: [6, 6, 1]), loss: PolynomialHinge(), optimizer: Adam(), seed: 2)
        let stop = EarlyStopping(monitor: "probe", patience: 1)
        _ = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 2, callbacks: [Probe([1, 2]), stop], progress: .quiet)
        XCTAssertEqual(stop.stoppedEpoch, 2)
        // The second fit continues at epoch 3; its first value is the best again, however large.
        _ = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 3, callbacks: [Probe([0, 0, 9]), stop], progress: .quiet)
        XCTAssertEqual(stop.bestEpoch, 3)
        XCTAssertEqual(stop.best, 9)
        XCTAssertNil(stop.stoppedEpoch)
    }

    /// Keras 3's rule on its own: the first value is the best whatever it is (NaN too, after which
    /// nothing improves), NaN and +inf never improve, min_delta as `value + delta < best`.
    func testRuleFollowsKeras() {
        func stops(_ values: [Double], patience: Int, minDelta: Double = 0, mode: EarlyStoppingRule.Mode = .min) -> Int? {
            var rule = EarlyStoppingRule(patience: patience, minDelta: minDelta, mode: mode)
            return values.indices.first { rule.update(epoch: $0 + 1, value: values[$0]) }.map { $0 + 1 }
        }
        XCTAssertEqual(stops([1, .nan, 0.5, .nan, .nan], patience: 2), 5)
        XCTAssertEqual(stops([.nan, 0.5, 0.4], patience: 2), 3)
        XCTAssertEqual(stops([1, .infinity, .infinity], patience: 2), 3)
        XCTAssertNil(stops([1, 0.9, 0.8, 0.7], patience: 1))
        XCTAssertEqual(stops([1, 0.95, 0.9], patience: 2, minDelta: 0.1), 3)
        XCTAssertEqual(stops([0.5, 0.6, 0.55], patience: 1, mode: .max), 3)
        XCTAssertNil(stops([0.5], patience: 0), "the first value always improves")
        XCTAssertEqual(stops([0.5, 0.6], patience: 0), 2, "patience 0 stops at the first epoch that does not improve")
        XCTAssertEqual(stops([0.5, 0.5], patience: 1), 2, "an equal value does not improve")
    }

    /// Batch-end logs hold the running epoch means (weighted by batch size), as in Keras 3: after the
    /// last batch they equal the epoch's loss and accuracy.
    func testBatchLogsCarryRunningEpochMeans() throws {
        final class BatchLogs: Callback {
            var logs: [Logs] = []
            func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws { self.logs.append(logs) }
        }
        let data = syntheticPatchTask(samples: 40, shape: [6, 6, 1], seed: 6)
        let trainer = try Trainer(model: try parseModel("mlp:4", inputShape: [6, 6, 1]), loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.05), seed: 3)
        let batches = BatchLogs()
        let history = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 2, callbacks: [batches], progress: .quiet)  // 16, 16, 8
        XCTAssertEqual(batches.logs.count, 6)
        for epoch in 0..<2 {
            let last = batches.logs[epoch * 3 + 2]
            XCTAssertEqual(last.keys, ["loss", "accuracy"])
            XCTAssertEqual(last["loss"], history["loss"]![epoch], "epoch \(epoch + 1)")
            XCTAssertEqual(last["accuracy"], history["accuracy"]![epoch], "epoch \(epoch + 1)")
        }
    }
}

/// A trainer and `evaluate` on a sigmoid head with bce use the logits: losses beyond the clipped
/// probability's ceiling of -log(1e-7) = 16.1 per sample.
final class SigmoidHeadTrainingTests: XCTestCase {
    func testTrainerAndEvaluateComputeBCEFromLogits() throws {
        let data = syntheticPatchTask(samples: 32, shape: [6, 6, 1], seed: 8)
        let y01 = try Tensor(shape: [32], scalars: data.y.scalars.map { $0 > 0 ? 1 : 0 })
        let model = try parseModel("mlp:4", inputShape: [6, 6, 1], head: .sigmoid)
        let trainer = try Trainer(model: model, loss: BinaryCrossEntropy(), optimizer: SGD(), seed: 4)
        for p in model.parameters where p.name.hasPrefix("dense_1/") { for i in p.value.indices { p.value[i] *= 1000 } }
        let labeled = try LabeledData(x: data.x, y: y01, inputShape: [6, 6, 1], labels: .zeroOne, name: "data")
        let step = try trainer.computeGradients(labeled, indices: Array(0..<32)[...])
        let evaluated = try trainer.evaluate(labeled, batchSize: 32)
        XCTAssertEqual(step.loss, evaluated.loss, accuracy: 1e-9 * evaluated.loss)
        XCTAssertLessThan(evaluated.accuracy, 1, "some samples must be on the wrong side")
        XCTAssertGreaterThan(evaluated.loss, 16.2 * (1 - evaluated.accuracy), "clipping would cap each wrong sample at 16.1")
        XCTAssertTrue(model.parameters.allSatisfy { $0.gradient.allSatisfy(\.isFinite) })
        XCTAssertTrue(model.parameters.contains { $0.gradient.contains { $0 != 0 } }, "saturated samples still pass a gradient through the logits")
    }
}
