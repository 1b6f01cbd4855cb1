import Foundation
import IO
import NN
import Tensor
import Training
import XCTest

/// k-class labels: class indices or one-hot rows, from tensors and .npz files, with clear errors.
final class ClassLabelTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("one-neuron-class-labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testIndicesAndOneHotRowsGiveTheSameLabels() throws {
        let x = try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        let indices = try LabeledData(x: x, y: Tensor(shape: [3], scalars: [2, 0, 1]), inputShape: [2], labels: .classes(3), name: "data")
        let oneHot = try LabeledData(x: x, y: Tensor(shape: [3, 3], scalars: [0, 0, 1, 1, 0, 0, 0, 1, 0]), inputShape: [2], labels: .classes(3), name: "data")
        XCTAssertEqual(indices.y, [2, 0, 1])
        XCTAssertEqual(oneHot.y, indices.y)
        XCTAssertThrowsError(try LabeledData(x: x, y: Tensor(shape: [3], scalars: [2, 3, 1]), inputShape: [2], labels: .classes(3), name: "data")) {
            XCTAssertTrue("\($0)".contains("y[1] = 3.0") && "\($0)".contains("3 outputs"), "\($0)")
        }
        XCTAssertThrowsError(
            try LabeledData(x: x, y: Tensor(shape: [3, 3], scalars: [0, 0, 1, 0.5, 0.5, 0, 0, 1, 0]), inputShape: [2], labels: .classes(3), name: "data")
        ) {
            XCTAssertTrue("\($0)".contains("row 1 of the one-hot labels"), "\($0)")
        }
    }

    func testDataFileReadsClassIndicesOneHotAndPlusMinusOneForTwoClasses() throws {
        let dir = try folder()
        let x = NDArray(shape: [4, 2], float32: [1, 2, 3, 4, 5, 6, 7, 8])
        let indices = dir.appendingPathComponent("indices.npz")
        try NPZ.write([(name: "x", array: x), (name: "y", array: NDArray(shape: [4], int64: [0, 4, 2, 1]))], to: indices)
        XCTAssertEqual(try DataFile.classCount(in: indices), 5)
        XCTAssertEqual(try DataFile(url: indices, labels: .classes(5)).y.scalars, [0, 4, 2, 1])
        XCTAssertThrowsError(try DataFile(url: indices, labels: .classes(4))) {
            XCTAssertTrue("\($0)".contains("y[1] = 4.0") && "\($0)".contains("0...3"), "\($0)")
        }
        let oneHot = dir.appendingPathComponent("onehot.npz")
        try NPZ.write([(name: "x", array: x), (name: "y", array: NDArray(shape: [4, 3], float32: [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]))], to: oneHot)
        XCTAssertEqual(try DataFile.classCount(in: oneHot), 3)
        let file = try DataFile(url: oneHot, labels: .classes(3))
        XCTAssertEqual(file.y.scalars, [0, 2, 1, 2])
        XCTAssertEqual(file.notes, ["y: one-hot labels read as class indices"])
        let signs = dir.appendingPathComponent("signs.npz")
        try NPZ.write([(name: "x", array: x), (name: "y", array: NDArray(shape: [4], float32: [-1, 1, 1, -1]))], to: signs)
        XCTAssertEqual(try DataFile(url: signs, labels: .classes(2)).y.scalars, [0, 1, 1, 0])
        let fractional = dir.appendingPathComponent("fractional.npz")
        try NPZ.write([(name: "x", array: x), (name: "y", array: NDArray(shape: [4], float32: [0, 1.5, 1, 0]))], to: fractional)
        XCTAssertThrowsError(try DataFile.classCount(in: fractional)) { XCTAssertTrue("\($0)".contains("not a class index"), "\($0)") }
    }

    func testTrainerNeedsOneOutputPerClass() throws {
        let model = try multilayerPerceptron(hidden: [4], inputShape: [3])
        XCTAssertThrowsError(try Trainer(model: model, loss: SoftmaxCrossEntropy(classes: 5), optimizer: Adam(), seed: 1)) {
            XCTAssertTrue("\($0)".contains("5 outputs"), "\($0)")
        }
        let wide = try multilayerPerceptron(hidden: [4], inputShape: [3], head: .logits(5))
        XCTAssertThrowsError(try Trainer(model: wide, loss: PolynomialHinge(), optimizer: Adam(), seed: 1)) {
            XCTAssertTrue("\($0)".contains("exactly one output"), "\($0)")
        }
    }

    /// A k-output network trains end to end on k separated clusters (Keras equality of the numbers
    /// is MulticlassKerasTests' job).
    func testMulticlassFitLearnsSeparatedClusters() throws {
        var g = SeededGenerator(seed: 2)
        let n = 90, k = 3
        var xs: [Float] = [], ys: [Float] = []
        for _ in 0..<n {
            let c = Int(g.next() % UInt64(k))
            xs += [Float(c) + g.uniform(-0.3, 0.3), g.uniform(-1, 1)]
            ys.append(Float(c))
        }
        let model = try multilayerPerceptron(hidden: [8], inputShape: [2], head: .logits(k))
        let loss = SoftmaxCrossEntropy(classes: k)
        let trainer = try Trainer(model: model, loss: loss, optimizer: Adam(learningRate: 0.05), seed: 4)
        let data = try LabeledData(
            x: Tensor(shape: [n, 2], scalars: xs), y: Tensor(shape: [n], scalars: ys), inputShape: [2], labels: loss.labels, name: "clusters")
        let before = try model.evaluate(data, loss: loss)
        let history = try trainer.fit(data, batchSize: 32, epochs: 60, shuffle: false, progress: .quiet)
        let after = try model.evaluate(data, loss: loss)
        XCTAssertLessThan(after.loss, before.loss / 4)
        XCTAssertEqual(after.accuracy, 1, "three separated clusters")
        XCTAssertGreaterThan(history["accuracy"]!.last!, 0.95)
    }
}
