import Backend
import Foundation
import NN
import Tensor
import Training
import XCTest

/// A 3-output network gives Keras' numbers on the same weights and batches (fixture from
/// scripts/nn/make_multiclass_keras_fixture.py, Keras 3 on TensorFlow): Input(6) -> Dense(5, relu) ->
/// Dense(3), once with a linear head and softmax cross-entropy from logits ("cce", Keras
/// `SparseCategoricalCrossentropy(from_logits=True)`), once with a softmax head and Keras' plain
/// `sparse_categorical_crossentropy` (which Keras on TensorFlow computes from the softmax's logits).
/// The last training sample is saturated (its label's probability < 1e-7), so computing from
/// clipped probabilities would differ by 6% in the loss and give that sample no gradient.
final class MulticlassKerasTests: XCTestCase {
    private struct Twin: Decodable {
        let head: String, loss: String
        let evaluate: [String: Double]
        let float64_loss_from_logits: Double, float64_loss_from_clipped_probabilities: Double
        let epoch: [String: Double]
        let after_step: [String: [Float]], after_epoch: [String: [Float]]
    }
    private struct Fixture: Decodable {
        let keras: String, inputs: Int, hidden: Int, classes: Int, batch_size: Int, learning_rate: Float
        let x: [Float], y: [Int], x_val: [Float], y_val: [Int]
        let initial: [String: [Float]]
        let twins: [Twin]
    }

    private static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras_multiclass.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    private static let variables = ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]

    private func tensors(_ x: [Float], _ y: [Int]) throws -> (x: Tensor, y: Tensor) {
        let f = Self.fixture
        return (try Tensor(shape: [y.count, f.inputs], scalars: x), try Tensor(shape: [y.count], scalars: y.map(Float.init)))
    }

    /// The twin's network with the fixture's initial weights (Dense kernels [in, out], as Keras stores them),
    /// and its loss from the loss spec a user would write.
    private func model(_ twin: Twin, backend: any ComputeBackend = DNNLBackend()) throws -> (Sequential, any Loss) {
        let f = Self.fixture
        let head: OutputHead = twin.head == "logits" ? .logits(f.classes) : .softmax(f.classes)
        let model = try multilayerPerceptron(hidden: [f.hidden], inputShape: [f.inputs], head: head, backend: backend)
        XCTAssertEqual(model.outputShape, [f.classes])
        XCTAssertEqual(model.parameters.map(\.name), Self.variables)
        for name in Self.variables {
            let p = try XCTUnwrap(model.store.parameter(named: name), name)
            try p.assign(Tensor(shape: p.shape, scalars: f.initial[name]!))
        }
        let spec = twin.head == "logits" ? "cce" : "sparse_categorical_crossentropy"
        return (model, try LossSpec(parsing: spec).make(classes: f.classes))
    }

    /// max |Keras - OneNeuron| / max |Keras| of every variable.
    private func assertWeights(
        _ model: Sequential, equal keras: [String: [Float]], within tolerance: Double, _ what: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        for name in Self.variables {
            let mine = Array(model.store.parameter(named: name)!.value), theirs = keras[name]!
            XCTAssertEqual(mine.count, theirs.count, "\(what) \(name)", file: file, line: line)
            let scale = theirs.map { abs(Double($0)) }.max()!
            let worst = zip(mine, theirs).map { abs(Double($0) - Double($1)) }.max()!
            XCTAssertLessThanOrEqual(worst / scale, tolerance, "\(what) \(name): max |diff| \(worst), max |Keras| \(scale)", file: file, line: line)
        }
    }

    func testFixtureSaturatesOneSample() {
        // Keras computed both twins from logits: the clipped-probability value is far off.
        for twin in Self.fixture.twins {
            XCTAssertEqual(twin.evaluate["loss"]!, twin.float64_loss_from_logits, accuracy: 1e-6 * twin.float64_loss_from_logits, twin.head)
            XCTAssertGreaterThan(abs(twin.float64_loss_from_clipped_probabilities - twin.float64_loss_from_logits), 0.05, twin.head)
        }
        XCTAssertEqual(Self.fixture.twins.map(\.head), ["logits", "softmax"])
    }

    func testEvaluateEqualsKeras() throws {
        let f = Self.fixture
        let data = try tensors(f.x, f.y)
        for twin in f.twins {
            let (model, loss) = try model(twin)
            let r = try model.evaluate(x: data.x, y: data.y, loss: loss, batchSize: f.batch_size)
            let keras = twin.evaluate["loss"]!
            XCTAssertEqual(r.loss, keras, accuracy: 1e-6 * keras, "\(twin.head): loss")
            // Keras averages accuracy in float32: compare there, exactly.
            XCTAssertEqual(Float(r.accuracy), Float(twin.evaluate["accuracy"]!), "\(twin.head): accuracy")
            // The batch size does not change the mean. On the reference backend: oneDNN's inner product
            // may round a sample's outputs differently in batches of other sizes (its AVX2 GEMM does).
            let (reference, _) = try self.model(twin, backend: ReferenceBackend())
            let batched = try reference.evaluate(x: data.x, y: data.y, loss: loss, batchSize: f.batch_size)
            let whole = try reference.evaluate(x: data.x, y: data.y, loss: loss, batchSize: f.y.count)
            XCTAssertEqual(whole.loss, batched.loss, accuracy: 1e-12 * batched.loss, twin.head)
        }
    }

    func testOneSGDStepEqualsKeras() throws {
        let f = Self.fixture
        let batch = try tensors(Array(f.x[0..<(f.batch_size * f.inputs)]), Array(f.y[0..<f.batch_size]))
        for twin in f.twins {
            let (model, loss) = try model(twin)
            let trainer = try Trainer(model: model, loss: loss, optimizer: SGD(learningRate: Double(f.learning_rate)), seed: 1, initializeWeights: false)
            _ = try trainer.fit(x: batch.x, y: batch.y, batchSize: f.batch_size, epochs: 1, shuffle: false, progress: .quiet)
            assertWeights(model, equal: twin.after_step, within: 1e-6, "\(twin.head) after one step")
        }
    }

    func testOneEpochOfSGDEqualsKeras() throws {
        let f = Self.fixture
        let train = try tensors(f.x, f.y), val = try tensors(f.x_val, f.y_val)
        for twin in f.twins {
            let (model, loss) = try model(twin)
            let trainer = try Trainer(model: model, loss: loss, optimizer: SGD(learningRate: Double(f.learning_rate)), seed: 1, initializeWeights: false)
            let h = try trainer.fit(
                x: train.x, y: train.y, batchSize: f.batch_size, epochs: 1, shuffle: false,
                validation: (val.x, val.y), progress: .quiet)
            for key in ["loss", "val_loss"] {
                let keras = twin.epoch[key]!, mine = h[key]![0]
                XCTAssertEqual(mine, keras, accuracy: 1e-5 * keras, "\(twin.head): \(key)")
            }
            for key in ["accuracy", "val_accuracy"] {
                XCTAssertEqual(Float(h[key]![0]), Float(twin.epoch[key]!), "\(twin.head): \(key)")
            }
            assertWeights(model, equal: twin.after_epoch, within: 1e-5, "\(twin.head) after one epoch")
        }
    }
}
