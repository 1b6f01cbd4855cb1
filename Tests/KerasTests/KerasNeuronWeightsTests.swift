import Foundation
import Keras
import NN
import Neuron
import XCTest

/// Keras weight files and the augmented model: the exponential neuron is a Keras custom layer
/// with variables a, w, b (scripts/keras/make_keras_fixtures.py writes keras_named.weights.h5 with one).
final class KerasNeuronWeightsTests: XCTestCase {
    /// The fixtures' network (input 5x5x2) with the exponential neuron.
    func augmentedModel() throws -> AugmentedModel {
        try Sequential(
            [
                Conv2D(filters: 3, kernelSize: 3, padding: .same, activation: .relu),
                Conv2D(filters: 2, kernelSize: 3, padding: .valid, activation: .relu),
                MaxPooling2D(), Flatten(),
                Dense(units: 3, activation: .relu),
                Dense(units: 1, activation: .tanh)
            ], inputShape: [5, 5, 2]
        ).augmented(lambda: 0.1)
    }

    func testBaseAndNeuronFromOneFile() throws {
        let model = try augmentedModel()
        let imported = try KerasWeights.load(from: fixture("keras_named.weights.h5"), into: model.parameters, optionalLayers: 1)
        XCTAssertEqual(imported.layersSet, ["conv2d", "conv2d_1", "dense", "dense_1", "exp_neuron"])
        XCTAssertEqual(imported.layersKept, [])
        XCTAssertEqual(Array(model.neuron.a.value), [5.0])
        XCTAssertEqual(Array(model.neuron.w.value), (0..<50).map { Float(5.1 + Double($0) / 1000) })
        XCTAssertEqual(Array(model.neuron.b.value), [5.2])
        XCTAssertEqual(Array(model.parameters[0].value.prefix(2)), [1.0, 1.001])
    }

    func testBaseOnlyFileKeepsTheDrawnNeuron() throws {
        let model = try augmentedModel()
        let drawn = model.neuron.parameters.map { Array($0.value) }
        let imported = try KerasWeights.load(from: fixture("keras_small.weights.h5"), into: model.parameters, optionalLayers: 1)
        XCTAssertEqual(imported.layersKept, ["exp_neuron"])
        XCTAssertEqual(model.neuron.parameters.map { Array($0.value) }, drawn)
        XCTAssertEqual(Array(model.parameters[0].value.prefix(2)), [1.0, 1.001])
    }

    func testNeuronWrittenForKeras() throws {
        let model = try augmentedModel()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("neuron-\(UUID().uuidString).weights.h5")
        defer { try? FileManager.default.removeItem(at: url) }
        try KerasWeights.save(model.parameters, to: url)
        let copy = try augmentedModel()
        let imported = try KerasWeights.load(from: url, into: copy.parameters, optionalLayers: 1)
        XCTAssertEqual(imported.matchedBy, "name")
        XCTAssertEqual(copy.store.snapshot(), model.store.snapshot())
    }
}
