import NN
import Neuron
import Tensor
import Training
import XCTest

/// A model owns its weight buffers; trainers borrow them. Neither a second trainer nor base-only
/// training after augmentation may leave a trainer updating buffers nothing reads.
final class ParameterOwnershipTests: XCTestCase {
    private let data = hyperplaneTask(samples: 96, dim: 6, seed: 21)

    private func mlp() throws -> Sequential { try parseModel("mlp:8", inputShape: [6]) }

    private func kernel(_ model: any Model) -> [Float] { Array(model.parameters[0].value) }

    /// A second trainer on the same model must not re-home the weights (the first trainer's loss
    /// would then stay constant for every epoch).
    func testTwoTrainersOnOneModelTrainTheSameWeights() throws {
        let model = try mlp()
        let first = try Trainer(model: model, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 1)
        let second = try Trainer(model: model, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 2)
        XCTAssertEqual(first.store.values.baseAddress, second.store.values.baseAddress, "both trainers borrow the model's buffers")
        let before = kernel(model)
        let losses = try first.fit(x: data.x, y: data.y, batchSize: 16, epochs: 5, progress: .quiet)["loss"]!
        XCTAssertGreaterThan(Set(losses).count, 1, "the first trainer's loss must change: \(losses)")
        XCTAssertLessThan(losses.last!, losses.first!)
        XCTAssertNotEqual(kernel(model), before, "training moved the model's weights")
        // The second trainer sees what the first one trained.
        let viaSecond = try second.evaluate(x: data.x, y: data.y)
        let viaFirst = try first.evaluate(x: data.x, y: data.y)
        XCTAssertEqual(viaSecond.loss, viaFirst.loss)
        _ = try second.fit(x: data.x, y: data.y, batchSize: 16, epochs: 1, progress: .quiet)
        XCTAssertEqual(first.store.snapshot(), second.store.snapshot())
    }

    /// Training `aug.base` alone, then the augmented model again.
    func testBaseOnlyTrainingAfterAugmentationMovesTheSharedWeights() throws {
        let base = try mlp()
        let augmented = try base.augmented(lambda: 0.1, initialization: .zeroW)
        let joint = try Trainer(model: augmented, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 3)
        _ = try joint.fit(x: data.x, y: data.y, batchSize: 16, epochs: 2, progress: .quiet)
        XCTAssertEqual(Array(joint.store.values.prefix(base.store.count)), base.store.snapshot(), "the base's store is a view of the joint buffers")

        let baseTrainer = try Trainer(model: augmented.base, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 4, initializeWeights: false)
        let beforeBase = kernel(base)
        let baseLosses = try baseTrainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 3, progress: .quiet)["loss"]!
        XCTAssertGreaterThan(Set(baseLosses).count, 1, "base-only training must change the loss: \(baseLosses)")
        XCTAssertNotEqual(kernel(base), beforeBase)
        XCTAssertEqual(Array(joint.store.values.prefix(base.store.count)), base.store.snapshot(), "the augmented model sees the base's new weights")

        // More augmented training moves the base weights too (they must not freeze with only `a` moving).
        let beforeJoint = kernel(base)
        let jointLosses = try joint.fit(x: data.x, y: data.y, batchSize: 16, epochs: 5, progress: .quiet)["loss"]!
        XCTAssertGreaterThan(Set(jointLosses).count, 1)
        XCTAssertNotEqual(kernel(base), beforeJoint, "augmented training must keep moving the base weights")
    }

    /// Two living augmented models on one network would each own a copy of its weights: refused.
    func testANetworkCanBeEmbeddedInOneAugmentedModelAtATime() throws {
        let base = try mlp()
        var first: AugmentedModel? = try base.augmented()
        XCTAssertThrowsError(try base.augmented()) { error in
            XCTAssertTrue("\(error)".contains("already part of an augmented model"), "\(error)")
        }
        XCTAssertNotNil(first)
        first = nil
        let second = try base.augmented()
        XCTAssertEqual(Array(second.store.values.prefix(base.store.count)), base.store.snapshot())
    }

    func testEvaluateMeasuresTheBaseAloneWithoutATrainer() throws {
        let base = try mlp()
        let augmented = try base.augmented(lambda: 0.1, initialization: .zeroW)
        let trainer = try Trainer(model: augmented, loss: PolynomialHinge(), optimizer: Adam(learningRate: 0.01), seed: 5)
        _ = try trainer.fit(x: data.x, y: data.y, batchSize: 16, epochs: 3, progress: .quiet)
        let alone = try augmented.base.evaluate(x: data.x, y: data.y, loss: PolynomialHinge(), batchSize: 32)
        // By hand: the base's outputs, the loss' mean over samples and the sign accuracy.
        let outputs = try augmented.base.predict(data.x).scalars
        let targets = data.y.scalars
        let hinge = zip(outputs, targets).map { o, t in pow(Double(max(0, 1 - o * t)), 3) }
        let accuracy = Double(zip(outputs, targets).filter { ($0 >= 0 ? 1 : -1) == $1 }.count) / Double(targets.count)
        XCTAssertEqual(alone.loss, hinge.reduce(0, +) / Double(hinge.count), accuracy: 1e-5)
        XCTAssertEqual(alone.accuracy, accuracy)
        XCTAssertThrowsError(try base.evaluate(x: data.x, y: try Tensor(shape: [96], scalars: [Float](repeating: 2, count: 96)), loss: PolynomialHinge()))
    }
}
