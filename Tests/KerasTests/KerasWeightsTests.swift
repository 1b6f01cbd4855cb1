import Diagnostics
import FileTestSupport
import Foundation
import IO
import Keras
import NN
import Training
import XCTest

/// The fixtures' network in OneNeuron: input 5x5x2, Conv2D(3, same) Conv2D(2, valid) MaxPooling2D
/// Flatten Dense(3) Dense(1); `names` renames the weight-carrying layers.
func smallKerasShapedModel(names: [String]? = nil, firstFilters: Int = 3, extraDense: Bool = false) throws -> Sequential {
    let n = names ?? ["conv2d", "conv2d_1", "dense", "dense_1", "dense_2"]
    var layers: [Layer] = [
        Conv2D(filters: firstFilters, kernelSize: 3, padding: .same, activation: .relu, name: n[0]),
        Conv2D(filters: 2, kernelSize: 3, padding: .valid, activation: .relu, name: n[1]),
        MaxPooling2D(), Flatten(),
        Dense(units: 3, activation: .relu, name: n[2])
    ]
    if extraDense { layers.append(Dense(units: 3, activation: .relu, name: n[4])) }
    layers.append(Dense(units: 1, activation: .tanh, name: n[3]))
    return try Sequential(layers, inputShape: [5, 5, 2])
}

final class KerasWeightsTests: TemporaryFolderTestCase {
    /// Every weight equals the fixture formula L + v/10 + i/1000 (layer L 1-based, variable v).
    func assertFormulaWeights(_ model: Sequential, layers: Int = 4, file: StaticString = #filePath, line: UInt = #line) {
        for (l, layer) in KerasWeights.layers(of: model.parameters).prefix(layers).enumerated() {
            for (v, p) in layer.parameters.enumerated() {
                let expected = (0..<p.count).map { Float(Double(l + 1) + Double(v) / 10 + Double($0) / 1000) }
                XCTAssertEqual(Array(p.value), expected, p.name, file: file, line: line)
            }
        }
    }

    func testLoadsKerasWeightsByName() throws {
        let model = try smallKerasShapedModel()
        let imported = try KerasWeights.load(from: fixture("keras_small.weights.h5"), into: model.parameters)
        XCTAssertEqual(imported.matchedBy, "name")
        XCTAssertEqual(imported.layersSet, ["conv2d", "conv2d_1", "dense", "dense_1"])
        assertFormulaWeights(model)
        // A .keras archive gives the same weights.
        let fromArchive = try smallKerasShapedModel()
        try KerasWeights.load(from: fixture("keras_small.keras"), into: fromArchive.parameters)
        XCTAssertEqual(fromArchive.store.snapshot(), model.store.snapshot())
    }

    func testLoadsByOrderWhenNamesDiffer() throws {
        let model = try smallKerasShapedModel(names: ["c1", "c2", "hidden", "out"])
        let imported = try KerasWeights.load(from: fixture("keras_small.weights.h5"), into: model.parameters)
        XCTAssertEqual(imported.matchedBy, "order")
        assertFormulaWeights(model)
    }

    func testWrongShapeNamesFileLayerAndVariable() throws {
        let model = try smallKerasShapedModel(firstFilters: 4)
        let before = model.store.snapshot()
        let url = fixture("keras_small.weights.h5")
        let error = assertThrowsKeras(containing: [
            url.path, "layer 'conv2d' (layers/conv2d), variable 0", "shape [3, 3, 2, 3]", "'conv2d/kernel' has shape [3, 3, 2, 4]"
        ]) {
            try KerasWeights.load(from: url, into: model.parameters)
        }
        XCTAssertEqual(error?.kind, .shapeMismatch)
        XCTAssertEqual(model.store.snapshot(), before, "a file that does not fit changes no weight")
    }

    func testWrongLayerCount() throws {
        let model = try smallKerasShapedModel(names: ["a", "b", "c", "d", "e"], extraDense: true)
        let url = fixture("keras_small.weights.h5")
        let error = assertThrowsKeras(containing: [url.path, "the file has 4 weight-carrying layers", "the model has 5"]) {
            try KerasWeights.load(from: url, into: model.parameters)
        }
        XCTAssertEqual(error?.kind, .layerCount)
        // A file with a layer the model lacks (here the exponential neuron), matched by name.
        let plain = try smallKerasShapedModel()
        let named = fixture("keras_named.weights.h5")
        XCTAssertEqual(
            assertThrowsKeras(containing: [named.path, "the file has 5 weight-carrying layers", "'exponential_neuron'", "the model has 4"]) {
                try KerasWeights.load(from: named, into: plain.parameters)
            }?.kind, .layerCount)
        // ... unless the model may pass over a neuron on its inputs (an experiment's plain arm).
        let imported = try KerasWeights.load(from: named, into: plain.parameters, ignoringNeuronOf: 50)
        XCTAssertEqual(imported.layersSet, ["conv2d", "conv2d_1", "dense", "dense_1"])
        XCTAssertEqual(imported.layersIgnored, ["layer 'a_neuron' (layers/exponential_neuron)"])
        assertFormulaWeights(plain)
        // A neuron on another input size is no neuron of this model.
        XCTAssertEqual(
            assertThrowsKeras(containing: [named.path, "the file has 5"]) {
                try KerasWeights.load(from: named, into: plain.parameters, ignoringNeuronOf: 49)
            }?.kind, .layerCount)
    }

    func testOrderFollowsShapesWhenNamesDiffer() throws {
        // The file's key order (conv2d, conv2d_1, dense, dense_1) is not necessarily the model's
        // order across classes; each model layer takes the first remaining file layer that fits.
        let model = try Sequential([Flatten(), Dense(units: 3, activation: .relu, name: "h"), Dense(units: 1, name: "o")], inputShape: [2, 1])
        let url = folder.appendingPathComponent("mixed.weights.h5")
        try KerasWeightsFile.write(
            [
                KerasLayerWeights(path: "layers/a_out", variables: [NDArray(shape: [3, 1], float32: [1, 2, 3]), NDArray(shape: [1], float32: [4])]),
                KerasLayerWeights(
                    path: "layers/b_hidden", variables: [NDArray(shape: [2, 3], float32: [5, 6, 7, 8, 9, 10]), NDArray(shape: [3], float32: [11, 12, 13])])
            ], to: url)
        XCTAssertEqual(try KerasWeights.load(from: url, into: model.parameters).matchedBy, "order")
        XCTAssertEqual(model.parameters.map { Array($0.value) }, [[5, 6, 7, 8, 9, 10], [11, 12, 13], [1, 2, 3], [4]])
        // A layer that fits nowhere is reported against the file layer at its place.
        let wider = try Sequential([Flatten(), Dense(units: 4, name: "h"), Dense(units: 1, name: "o")], inputShape: [2, 1])
        XCTAssertEqual(
            assertThrowsKeras(containing: [url.path, "layer 'a_out' (layers/a_out), variable 0", "shape [3, 1]", "'h/kernel' has shape [2, 4]"]) {
                try KerasWeights.load(from: url, into: wider.parameters)
            }?.kind, .shapeMismatch)
    }

    func testWrongVariableCount() throws {
        let url = folder.appendingPathComponent("three.weights.h5")
        var layers = try KerasWeightsFile.read(from: fixture("keras_small.weights.h5"))
        layers[2].variables.append(NDArray(shape: [1], float32: [0]))
        try KerasWeightsFile.write(layers, to: url)
        let model = try smallKerasShapedModel()
        XCTAssertEqual(
            assertThrowsKeras(containing: [url.path, "layer 'dense' (layers/dense)", "has 3 variables", "'dense' has 2"]) {
                try KerasWeights.load(from: url, into: model.parameters)
            }?.kind, .variableCount)
    }

    func testWrittenWeightsReadBackAndKeepTheSourceLayout() throws {
        let model = try smallKerasShapedModel(names: ["c1", "c2", "hidden", "out"])
        let baseOnly = folder.appendingPathComponent("named-base.weights.h5")
        try KerasWeightsFile.write(Array(try KerasWeightsFile.read(from: fixture("keras_named.weights.h5")).prefix(4)), to: baseOnly)
        let imported = try KerasWeights.load(from: baseOnly, into: model.parameters)
        for p in model.parameters { for i in p.value.indices { p.value[i] += 0.5 } }
        let url = folder.appendingPathComponent("trained.weights.h5")
        try KerasWeights.save(model.parameters, to: url, layout: imported.kerasLayout)
        let written = try KerasWeightsFile.read(from: url)
        XCTAssertEqual(written.map(\.path), ["layers/conv2d", "layers/conv2d_1", "layers/dense", "layers/dense_1"])
        XCTAssertEqual(written.map(\.layerName), ["z_conv", "y_conv", "m_hidden", "b_out"])
        XCTAssertEqual(written[3].variables[0].shape, [3, 1])
        let copy = try smallKerasShapedModel()
        try KerasWeights.load(from: url, into: copy.parameters)
        XCTAssertEqual(copy.store.snapshot(), model.store.snapshot())
        // Without a layout: Keras 3's keys for the seed CNN's layers.
        try KerasWeights.save(copy.parameters, to: url)
        XCTAssertEqual(try KerasWeightsFile.read(from: url).map(\.path), ["layers/conv2d", "layers/conv2d_1", "layers/dense", "layers/dense_1"])
    }

    func testNPZInitialWeights() throws {
        let source = try smallKerasShapedModel()
        try KerasWeights.load(from: fixture("keras_small.weights.h5"), into: source.parameters)
        let url = folder.appendingPathComponent("w.npz")
        try saveWeights(source.parameters, to: url)
        let model = try smallKerasShapedModel()
        XCTAssertEqual(try KerasWeights.load(from: url, into: model.parameters).matchedBy, "npz")
        XCTAssertEqual(model.store.snapshot(), source.store.snapshot())
        let wider = try smallKerasShapedModel(firstFilters: 4)
        assertThrowsKeras(containing: [url.path, "layer 'conv2d', array 'conv2d/kernel'", "shape [3, 3, 2, 3]"]) {
            try KerasWeights.load(from: url, into: wider.parameters)
        }
    }

    /// A .keras archive of the network: its config (checked to load in Keras 3.15 by bench/keras_equivalence.py's
    /// model.keras check) and its weights under Keras 3's keys.
    func testKerasArchiveOfTheNetwork() throws {
        let model = try smallKerasShapedModel()
        let url = folder.appendingPathComponent("model.keras")
        try KerasModelConfig.writeArchive(model, parameters: model.parameters, to: url)
        let copy = try smallKerasShapedModel()
        try KerasWeights.load(from: url, into: copy.parameters)
        XCTAssertEqual(copy.store.snapshot(), model.store.snapshot())
        let config = try JSONSerialization.jsonObject(with: Data(KerasModelConfig.json(for: model, neuronLambda: 0.1).utf8)) as! [String: Any]
        let layers = (config["config"] as! [String: Any])["layers"] as! [[String: Any]]
        XCTAssertEqual(
            layers.map { $0["name"] as! String },
            ["input_layer", "conv2d", "conv2d_1", "max_pooling2d", "flatten", "dense", "dense_1", "exponential_neuron", "add"])
        XCTAssertEqual(
            layers.map { $0["class_name"] as! String },
            ["InputLayer", "Conv2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense", "ExponentialNeuron", "Add"])
        XCTAssertEqual((layers[2]["config"] as! [String: Any])["padding"] as? String, "valid")
    }

    @discardableResult
    func assertThrowsKeras(containing fragments: [String], file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Any) -> FileError? {
        do {
            _ = try body()
            XCTFail("expected a FileError", file: file, line: line)
        } catch let error as FileError {
            for fragment in fragments where !error.description.contains(fragment) {
                XCTFail("error message lacks \"\(fragment)\": \(error)", file: file, line: line)
            }
            return error
        } catch {
            XCTFail("expected a FileError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
