import Backend
import NN
import SyntheticTasks
import Tensor
import Training
import XCTest

final class FitTests: XCTestCase {
    func testSeedCNNLearnsSyntheticTaskWithin20Epochs() throws {
        let train = syntheticPatchTask(samples: 384, seed: 1), val = syntheticPatchTask(samples: 192, seed: 2)
        let trainer = try Trainer(model: try seedCNN(), loss: PolynomialHinge(power: 3), optimizer: Adam(learningRate: 0.001), seed: 7)
        let history = try trainer.fit(
            x: train.x, y: train.y, batchSize: 32, epochs: 20, validation: (val.x, val.y),
            callbacks: [StopAtThreshold("val_accuracy", 0.99)], progress: .quiet)
        let best = history["val_accuracy"]!.max()!
        XCTAssertGreaterThanOrEqual(best, 0.95, "best validation accuracy \(best) after \(history.epochs) epochs")
        XCTAssertEqual(history.keys.prefix(5), ["loss", "accuracy", "val_loss", "val_accuracy", "seconds"])
    }

    func testSameSeedSameResults() throws {
        let data = syntheticPatchTask(samples: 64, shape: [8, 8, 1], seed: 3)
        func train() throws -> ([Double], [Float]) {
            let trainer = try Trainer(model: try parseModel("mlp:8", inputShape: [8, 8, 1]), loss: PolynomialHinge(), optimizer: Adam(), seed: 11)
            let h = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 3, progress: .quiet)
            return (h["loss"]!, trainer.store.snapshot())
        }
        let a = try train(), b = try train()
        XCTAssertEqual(a.0, b.0)
        XCTAssertEqual(a.1, b.1)
    }

    /// The seed CNN trained on 1 thread, on 3 threads, and switching between 1, 2 and 4 every epoch
    /// ends with the same bits (the experiment runner gives a training more threads when others finish).
    func testSeedCNNResultsDoNotDependOnTheThreadCount() throws {
        let data = syntheticPatchTask(samples: 200, seed: 4)
        final class SwitchThreads: Callback {
            let counts: [Int]
            init(_ counts: [Int]) { self.counts = counts }
            func onEpochBegin(_ epoch: Int, trainer: Trainer) throws { ComputeThreads.set(counts[(epoch - 1) % counts.count]) }
        }
        // Winograd and bf16 convolutions too where this CPU has them (their per-chunk copies included).
        let optional = [try? DNNLBackend(algorithm: .winograd), try? DNNLBackend(precision: .bf16)].compactMap { $0 }
        for backend in [DNNLBackend()] + optional {
            func train(_ counts: [Int]) throws -> ([Double], [Float]) {
                let before = ComputeThreads.current
                defer { ComputeThreads.set(before) }
                let trainer = try Trainer(model: try seedCNN(backend: backend), loss: PolynomialHinge(power: 3), optimizer: Adam(learningRate: 0.001), seed: 5)
                let h = try trainer.fit(
                    x: data.x, y: data.y, batchSize: 64, epochs: 3, validation: (data.x, data.y),
                    callbacks: [SwitchThreads(counts)], progress: .quiet)
                return (h["loss"]! + h["val_loss"]!, trainer.store.snapshot())
            }
            let one = try train([1]), three = try train([3]), switching = try train([1, 2, 4])
            XCTAssertEqual(one.0, three.0, backend.name)
            XCTAssertTrue(one.1 == three.1, "\(backend.name): weights after 1-thread and 3-thread training differ")
            XCTAssertEqual(one.0, switching.0, backend.name)
            XCTAssertTrue(one.1 == switching.1, "\(backend.name): weights after switching thread counts differ")
        }
    }

    func testCallbacksSeeWeightsAndCanStop() throws {
        final class Watcher: Callback {
            var batches = 0, kernelNorms: [Double] = []
            func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws { batches += 1 }
            func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
                let w = trainer.parameter(named: "dense/kernel")!
                let norm = w.value.reduce(0) { $0 + Double($1 * $1) }.squareRoot()
                kernelNorms.append(norm)
                logs["kernel_norm"] = norm
                if epoch == 2 { trainer.stopTraining = true }
            }
        }
        let data = syntheticPatchTask(samples: 40, shape: [6, 6, 1], seed: 4)
        let trainer = try Trainer(model: try parseModel("mlp:4", inputShape: [6, 6, 1]), loss: Hinge(), optimizer: SGD(), seed: 1)
        let watcher = Watcher()
        let h = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 10, callbacks: [watcher], progress: .quiet)
        XCTAssertEqual(h.epochs, 2)
        XCTAssertEqual(watcher.batches, 6)
        XCTAssertEqual(h["kernel_norm"]!, watcher.kernelNorms)
    }

    func testEarlyStoppingRestoresBestWeights() throws {
        let data = syntheticPatchTask(samples: 48, shape: [6, 6, 1], seed: 5)
        let trainer = try Trainer(model: try parseModel("mlp:4", inputShape: [6, 6, 1]), loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.05), seed: 2)
        let stop = EarlyStopping(monitor: "loss", patience: 1, minDelta: 10, restoreBestWeights: true)  // nothing improves by 10
        let h = try trainer.fit(x: data.x, y: data.y, batchSize: 48, epochs: 5, callbacks: [stop], progress: .quiet)
        XCTAssertEqual(h.epochs, 2)
        XCTAssertEqual(stop.bestEpoch, 1)
        XCTAssertEqual(stop.stoppedEpoch, 2)
    }

    func testBadDataGivesClearErrors() throws {
        let trainer = try Trainer(model: try parseModel("mlp:4", inputShape: [2, 2, 1]), loss: PolynomialHinge(), optimizer: Adam(), seed: 1)
        let x = try Tensor(shape: [3, 2, 2, 1], scalars: [Float](repeating: 1, count: 12))
        XCTAssertThrowsError(try trainer.fit(x: x, y: Tensor(shape: [3], scalars: [1, 0, 1]), progress: .quiet)) {
            XCTAssertTrue("\($0)".contains("y[1] = 0.0 is not in {-1, +1}") && "\($0)".contains("2*y - 1"), "\($0)")
        }
        XCTAssertThrowsError(try trainer.fit(x: x, y: Tensor(shape: [2], scalars: [1, 1]), progress: .quiet)) {
            XCTAssertTrue("\($0)".contains("y has shape [2] but x has 3 samples"), "\($0)")
        }
        var bad = x
        bad.scalars[5] = .nan
        XCTAssertThrowsError(try trainer.fit(x: bad, y: Tensor(shape: [3], scalars: [1, -1, 1]), progress: .quiet)) {
            XCTAssertTrue("\($0)".contains("x[1]") && "\($0)".contains("nan"), "\($0)")
        }
        XCTAssertThrowsError(try trainer.fit(x: Tensor(shape: [3, 4]), y: Tensor(shape: [3], scalars: [1, -1, 1]), progress: .quiet)) {
            XCTAssertTrue("\($0)".contains("[3, 4]") && "\($0)".contains("[2, 2, 1]"), "\($0)")
        }
    }

    func testNonFiniteLossStopsTraining() throws {
        // A huge learning rate with SGD on unscaled inputs blows the weights up.
        let data = syntheticPatchTask(samples: 32, shape: [4, 4, 1], seed: 6)
        let big = try Tensor(shape: data.x.shape, scalars: data.x.scalars.map { $0 * 1e18 })
        let trainer = try Trainer(
            model: try parseModel("mlp:4", inputShape: [4, 4, 1], head: .linear), loss: SquaredHinge(), optimizer: SGD(learningRate: 1e10), seed: 1)
        XCTAssertThrowsError(try trainer.fit(x: big, y: data.y, batchSize: 8, epochs: 5, progress: .quiet)) { error in
            guard case TrainingError.nonFiniteLoss = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue("\(error)".contains("epoch 1"), "\(error)")
        }
    }
}
