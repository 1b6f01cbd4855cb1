import Foundation
import Keras
import NN
import SyntheticTasks
import Tensor
import Training
import XCTest

/// `Trainer.State` continues a training exactly: saved after 2 epochs, restored into a new trainer
/// on a new model, 2 more epochs end with the bits of 4 uninterrupted epochs.
final class TrainerStateTests: XCTestCase {
    private final class EpochCounter: StatefulCallback {
        var seen: [Int] = []
        var state: [Int] { seen }
        func restore(_ state: [Int]) { seen = state }
        func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws { seen.append(epoch) }
    }

    private func trainer(batchNormalized: Bool = false) throws -> Trainer {
        let model: any Model =
            batchNormalized
            ? try Sequential([Flatten(), Dense(units: 8), BatchNormalization(momentum: 0.9), ReLU(), Dense(units: 1)], inputShape: [8, 8, 1])
            : try parseModel("mlp:8", inputShape: [8, 8, 1])
        return try Trainer(model: model, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 9)
    }

    func testSavedStateContinuesBitForBit() throws {
        try checkSavedStateContinuesBitForBit(batchNormalized: false)
    }

    /// The moving statistics are in the state too (they are not trainable, so not in the optimizer's values).
    func testSavedStateWithMovingStatisticsContinuesBitForBit() throws {
        try checkSavedStateContinuesBitForBit(batchNormalized: true)
        let model = try trainer(batchNormalized: true).store
        XCTAssertEqual(model.snapshotCount, model.count + 16)
    }

    private func checkSavedStateContinuesBitForBit(batchNormalized: Bool) throws {
        let trainer = { try self.trainer(batchNormalized: batchNormalized) }
        let data = syntheticPatchTask(samples: 64, shape: [8, 8, 1], seed: 3)
        let straight = try trainer(), counter = EpochCounter()
        let straightLosses = try straight.fit(x: data.x, y: data.y, batchSize: 16, epochs: 4, callbacks: [counter], progress: .quiet)["loss"]!

        let first = try trainer(), firstCounter = EpochCounter()
        _ = try first.fit(x: data.x, y: data.y, batchSize: 16, epochs: 2, callbacks: [firstCounter], progress: .quiet)
        let saved = try JSONDecoder().decode(Trainer.State<[Int]>.self, from: try JSONEncoder().encode(first.state(with: firstCounter)))
        XCTAssertEqual(saved.epoch, 2)

        let resumed = try trainer(), resumedCounter = EpochCounter()
        try resumed.restore(saved, callback: resumedCounter)
        let resumedLosses = try resumed.fit(x: data.x, y: data.y, batchSize: 16, epochs: 4, callbacks: [resumedCounter], progress: .quiet)["loss"]!
        XCTAssertEqual(resumedLosses, Array(straightLosses.suffix(2)))
        XCTAssertEqual(resumed.store.snapshot(), straight.store.snapshot())
        XCTAssertEqual(resumedCounter.seen, counter.seen, "the callback's memory is restored too")
        if batchNormalized {
            let bn = try XCTUnwrap((resumed.model as? Sequential)?.layers[2] as? BatchNormalization)
            XCTAssertNotEqual(Array(bn.movingVariance.value), Array(repeating: 1, count: 8), "the moving statistics moved")
        }
    }

    /// Weight files (.npz and Keras .weights.h5) written from `model.weights` hold the moving statistics.
    func testWeightFilesHoldTheMovingStatistics() throws {
        let data = syntheticPatchTask(samples: 32, shape: [8, 8, 1], seed: 3)
        let trained = try trainer(batchNormalized: true)
        _ = try trained.fit(x: data.x, y: data.y, batchSize: 16, epochs: 1, progress: .quiet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bn-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["w.npz", "w.weights.h5"] {
            let url = directory.appendingPathComponent(file)
            if file.hasSuffix("npz") { try saveWeights(trained.model.weights, to: url) } else { try KerasWeights.save(trained.model.weights, to: url) }
            let fresh = try trainer(batchNormalized: true)
            XCTAssertNotEqual(fresh.store.snapshot(), trained.store.snapshot())
            if file.hasSuffix("npz") {
                try loadWeights(into: fresh.model.weights, from: url)
            } else {
                try KerasWeights.load(from: url, into: fresh.model.weights)
            }
            XCTAssertEqual(fresh.store.snapshot(), trained.store.snapshot(), file)
        }
    }

    func testStateOfAnotherModelIsRefused() throws {
        let small = try trainer()
        let big = try Trainer(model: try parseModel("mlp:16", inputShape: [8, 8, 1]), loss: PolynomialHinge(), optimizer: Adam(), seed: 1)
        XCTAssertThrowsError(try big.restore(small.state(with: EpochCounter?.none), callback: EpochCounter?.none)) {
            XCTAssertTrue("\($0)".contains("different model"), "\($0)")
        }
    }
}
