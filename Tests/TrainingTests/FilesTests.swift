import Foundation
import IO
import NN
import Tensor
import Training
import XCTest

final class FilesTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("one-neuron-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testWeightsRoundTripByNameAndMismatchErrors() throws {
        let dir = try folder()
        let a = try seedCNN(inputShape: [8, 8, 3]), b = try seedCNN(inputShape: [8, 8, 3])
        let storeA = try ParameterStore(a.parameters), storeB = try ParameterStore(b.parameters)
        var g = SeededGenerator(seed: 1)
        storeA.initialize(using: &g)
        let url = dir.appendingPathComponent("weights.npz")
        try saveWeights(a.parameters, to: url)
        XCTAssertEqual(try NPZ.read(from: url)["conv2d/kernel"]?.shape, [3, 3, 3, 32])
        try loadWeights(into: b.parameters, from: url)
        XCTAssertEqual(storeB.snapshot(), storeA.snapshot())
        let other = try seedCNN(inputShape: [10, 10, 3])
        XCTAssertThrowsError(try loadWeights(into: other.parameters, from: url)) { XCTAssertTrue("\($0)".contains("dense/kernel"), "\($0)") }
        let mlp = try parseModel("mlp:4", inputShape: [8, 8, 3])
        XCTAssertThrowsError(try loadWeights(into: mlp.parameters, from: url)) { XCTAssertTrue("\($0)".contains("expected shape [192, 4]"), "\($0)") }
        let renamed = try Sequential([Flatten(), Dense(units: 1, name: "head")], inputShape: [8, 8, 3])
        XCTAssertThrowsError(try loadWeights(into: renamed.parameters, from: url)) { XCTAssertTrue("\($0)".contains("no array named 'head/kernel'"), "\($0)") }
    }

    func testHistoryFilesUseNullForNonFiniteValues() throws {
        var logs = Logs()
        logs["loss"] = 0.5; logs["val_loss"] = .nan
        var history = History()
        history.append(logs)
        let json = String(data: history.jsonData(), encoding: .utf8)!
        XCTAssertTrue(json.contains("\"loss\": [0.5]") && json.contains("\"val_loss\": [null]"), json)
        let url = try folder().appendingPathComponent("history.csv")
        try history.writeCSV(to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "epoch,loss,val_loss\n1,0.5,\n")
    }

    func testDataFileMapsLabelsAndRejectsBadOnes() throws {
        let dir = try folder()
        let good = dir.appendingPathComponent("good.npz"), bad = dir.appendingPathComponent("bad.npz")
        try NPZ.write(
            [(name: "x", array: NDArray(shape: [3, 2], float32: [1, 2, 3, 4, 5, 6])), (name: "y", array: NDArray(shape: [3], int64: [0, 1, 1]))], to: good)
        let file = try DataFile(url: good, labels: .plusMinusOne)
        XCTAssertEqual(file.y.scalars, [-1, 1, 1])
        XCTAssertEqual(file.notes, ["y: {0, 1} labels mapped to {-1, +1}"])
        try NPZ.write(
            [(name: "x", array: NDArray(shape: [3, 2], float32: [1, 2, 3, 4, 5, 6])), (name: "y", array: NDArray(shape: [3], int64: [0, 2, 1]))], to: bad)
        XCTAssertThrowsError(try DataFile(url: bad, labels: .plusMinusOne)) { XCTAssertTrue("\($0)".contains("y[1] = 2.0"), "\($0)") }
        try NPZ.write([(name: "x", array: NDArray(shape: [3, 2], float32: [1, 2, 3, 4, 5, 6]))], to: bad)
        XCTAssertThrowsError(try DataFile(url: bad, labels: .plusMinusOne)) { XCTAssertTrue("\($0)".contains("no array 'y'"), "\($0)") }
    }
}
