import Foundation
import NN
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

    private func trainer() throws -> Trainer {
        try Trainer(model: try parseModel("mlp:8", inputShape: [8, 8, 1]), loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 9)
    }

    func testSavedStateContinuesBitForBit() throws {
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
    }

    func testStateOfAnotherModelIsRefused() throws {
        let small = try trainer()
        let big = try Trainer(model: try parseModel("mlp:16", inputShape: [8, 8, 1]), loss: PolynomialHinge(), optimizer: Adam(), seed: 1)
        XCTAssertThrowsError(try big.restore(small.state(with: EpochCounter?.none), callback: EpochCounter?.none)) {
            XCTAssertTrue("\($0)".contains("different model"), "\($0)")
        }
    }
}
