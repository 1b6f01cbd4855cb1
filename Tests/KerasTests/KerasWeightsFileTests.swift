import Diagnostics
import FileTestSupport
import Foundation
import IO
import Keras
import XCTest

/// Keras 3 weight files: fixtures written by real Keras (scripts/keras/make_keras_fixtures.py),
/// round trips through OneNeuron's writer, and every malformed-file error.
final class KerasWeightsFileTests: TemporaryFolderTestCase {
    /// The fixture script's formula: variable v of weight-carrying layer L (1-based) holds
    /// L + v/10 + i/1000, computed in float64 and stored as float32.
    static func formula(layer: Int, variable: Int, count: Int) -> [Float] {
        (0..<count).map { Float(Double(layer) + Double(variable) / 10 + Double($0) / 1000) }
    }

    static let smallShapes: [[[Int]]] = [[[3, 3, 2, 3], [3]], [[3, 3, 3, 2], [2]], [[2, 3], [3]], [[3, 1], [1]]]

    func checkSmall(_ layers: [KerasLayerWeights], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(layers.map(\.path), ["layers/conv2d", "layers/conv2d_1", "layers/dense", "layers/dense_1"], file: file, line: line)
        for (l, layer) in layers.enumerated() {
            XCTAssertEqual(layer.variables.map(\.shape), Self.smallShapes[l], file: file, line: line)
            for (v, variable) in layer.variables.enumerated() {
                XCTAssertEqual(
                    variable.asFloats(), Self.formula(layer: l + 1, variable: v, count: variable.count), "\(layer.path)/\(v)", file: file, line: line)
            }
        }
    }

    func testReadsWeightsWrittenByKeras() throws {
        let layers = try KerasWeightsFile.read(from: fixture("keras_small.weights.h5"))
        checkSmall(layers)
        // The script printed: layers/conv2d/vars/0 (3, 3, 2, 3) first=1.0 last=1.053; layers/dense_1/vars/1 (1,) 4.1.
        XCTAssertEqual(layers[0].variables[0].asFloats().last, 1.053)
        XCTAssertEqual(layers[3].variables[1].asFloats(), [4.1])
        XCTAssertEqual(layers.map(\.layerName), ["conv2d", "conv2d_1", "dense", "dense_1"])
    }

    func testReadsTheWeightsOfAKerasArchive() throws {
        checkSmall(try KerasWeightsFile.read(from: fixture("keras_small.keras")))
    }

    func testOwnLayerNamesAndACustomLayerKeepTheModelOrder() throws {
        let layers = try KerasWeightsFile.read(from: fixture("keras_named.weights.h5"))
        // Keras 3 keys layers by class; the layer's own name is the attribute. HDF5 lists the keys
        // alphabetically; the reader gives the order Keras wrote them in.
        XCTAssertEqual(layers.map(\.layerName), ["z_conv", "y_conv", "m_hidden", "b_out", "a_neuron"])
        XCTAssertEqual(layers.map(\.name), ["conv2d", "conv2d_1", "dense", "dense_1", "exponential_neuron"])
        checkSmall(Array(layers.prefix(4)))
        XCTAssertEqual(layers[4].variables.map(\.shape), [[1], [50], [1]])
        XCTAssertEqual(layers[4].variables[0].asFloats(), [5.0])
        XCTAssertEqual(layers[4].variables[1].asFloats(), Self.formula(layer: 5, variable: 1, count: 50))
        XCTAssertEqual(layers[4].variables[2].asFloats(), [5.2])
        XCTAssertEqual(layers[4].label, "layer 'a_neuron' (layers/exponential_neuron)")
    }

    func testWeightsRoundTripByteForByte() throws {
        let layers = try KerasWeightsFile.read(from: fixture("keras_named.weights.h5"))
        let url = folder.appendingPathComponent("out.weights.h5")
        try KerasWeightsFile.write(layers, to: url)
        XCTAssertEqual(try KerasWeightsFile.read(from: url), layers)
        XCTAssertEqual(try KerasWeightsFile.encode(layers), try Data(contentsOf: url), "equal weights give equal bytes")
        // Scalars and nested paths survive too.
        let odd = [
            KerasLayerWeights(path: "layers/sequential/layers/alpha", variables: [NDArray(shape: [2, 1], float32: [-1, .pi])], layerName: "first"),
            KerasLayerWeights(path: "layers/zeta", variables: [NDArray(shape: [], float32: [2.5])], layerName: "zeta")
        ]
        XCTAssertEqual(try KerasWeightsFile.decode(try KerasWeightsFile.encode(odd), source: "odd"), odd)
    }

    /// HDF5 keeps no creation order; Keras numbers a class's layers in model order, and the reader sorts by those numbers.
    func testLayersOfOneClassComeInKerasNumberOrder() throws {
        let keys = ["dense_10", "dense_2", "conv2d_1", "dense", "dense_1", "conv2d"]
        let layers = keys.map { KerasLayerWeights(path: "layers/\($0)", variables: [NDArray(shape: [1], float32: [1])], layerName: $0) }
        let read = try KerasWeightsFile.decode(try KerasWeightsFile.encode(layers), source: "numbers")
        XCTAssertEqual(read.map(\.name), ["conv2d", "conv2d_1", "dense", "dense_1", "dense_2", "dense_10"])
    }

    func testArchiveRoundTrip() throws {
        let layers = try KerasWeightsFile.read(from: fixture("keras_small.weights.h5"))
        let url = folder.appendingPathComponent("model.keras")
        try KerasArchive.write(layers, config: "{\"class_name\": \"Sequential\"}", to: url)
        XCTAssertEqual(try KerasWeightsFile.read(from: url), layers)
        let entries = try ZipArchive.decode(try Data(contentsOf: url), source: url.path)
        XCTAssertEqual(entries.map(\.name), ["metadata.json", "config.json", "model.weights.h5"])
    }

    // MARK: malformed files

    func testNotHDF5() throws {
        let url = folder.appendingPathComponent("notes.weights.h5")
        try Data("just some text, not weights".utf8).write(to: url)
        let error = assertThrows(FileError.self, containing: [url.path, "not an HDF5 file", "Fix:"]) { try KerasWeightsFile.read(from: url) }
        XCTAssertEqual(error?.kind, .notHDF5)
    }

    func testTruncatedFile() throws {
        let whole = try Data(contentsOf: fixture("keras_small.weights.h5"))
        for cut in [whole.count / 2, whole.count - 100, 600] {
            let url = folder.appendingPathComponent("cut\(cut).weights.h5")
            try whole.prefix(cut).write(to: url)
            let error = assertThrows(FileError.self, containing: [url.path, "truncated or damaged"]) { try KerasWeightsFile.read(from: url) }
            XCTAssertEqual(error?.kind, .damaged)
        }
    }

    func testHDF5WithoutKerasLayout() throws {
        let url = folder.appendingPathComponent("empty.weights.h5")
        try Data(try KerasWeightsFile.encode([])).write(to: url)
        let error = assertThrows(FileError.self, containing: [url.path, "layers/<name>/vars/<i>", "Keras 2"]) { try KerasWeightsFile.read(from: url) }
        XCTAssertEqual(error?.kind, .notKerasLayout)
    }

    func testIntegerVariable() {
        let error = assertThrows(
            FileError.self, containing: ["keras_int_vars.h5", "layer 'dense' (layers/dense), variable 0 (layers/dense/vars/0)", "integers"]
        ) {
            try KerasWeightsFile.read(from: fixture("keras_int_vars.h5"))
        }
        XCTAssertEqual(error?.kind, .unsupportedType)
    }

    func testBrokenArchives() throws {
        let notZip = folder.appendingPathComponent("model.keras")
        try Data("PK\u{3}\u{4} but nothing else".utf8).write(to: notZip)
        XCTAssertEqual(
            assertThrows(FileError.self, containing: [notZip.path, "not a readable .keras archive"]) { try KerasWeightsFile.read(from: notZip) }?.kind,
            .badArchive)
        let noWeights = folder.appendingPathComponent("config-only.keras")
        try ZipArchive.encode([.init(name: "config.json", data: Data("{}".utf8))], compressed: false).write(to: noWeights)
        XCTAssertEqual(
            assertThrows(FileError.self, containing: [noWeights.path, "no 'model.weights.h5' entry", "config.json"]) {
                try KerasWeightsFile.read(from: noWeights)
            }?.kind, .badArchive)
        // A damaged model.weights.h5 inside the archive names the archive and the entry.
        let damaged = folder.appendingPathComponent("damaged.keras")
        try ZipArchive.encode([.init(name: "model.weights.h5", data: Data([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]))], compressed: false).write(
            to: damaged)
        assertThrows(FileError.self, containing: [damaged.path, "entry 'model.weights.h5'", "truncated or damaged"]) {
            try KerasWeightsFile.read(from: damaged)
        }
    }

    func testMissingFile() {
        let url = folder.appendingPathComponent("absent.weights.h5")
        XCTAssertEqual(assertThrows(FileError.self, containing: [url.path, "cannot be read"]) { try KerasWeightsFile.read(from: url) }?.kind, .fileAccess)
    }
}
