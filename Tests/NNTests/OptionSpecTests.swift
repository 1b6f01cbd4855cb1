import NN
import XCTest

/// Model, loss and optimizer choices are values parsed once; their descriptions are what config.json records.
final class OptionSpecTests: XCTestCase {
    func testParsingAndDescriptionsRoundTrip() throws {
        XCTAssertEqual(try ModelSpec(parsing: "cnn"), .seedCNN)
        XCTAssertEqual(try ModelSpec(parsing: "seed-cnn"), .seedCNN)
        XCTAssertEqual(try ModelSpec(parsing: "mlp:64, 32"), .mlp(hidden: [64, 32]))
        XCTAssertEqual(try LossSpec(parsing: "phinge"), .polynomialHinge(power: 3))
        XCTAssertEqual(try OptimizerSpec(parsing: "sgd:0.01:0.9"), .sgd(learningRate: 0.01, momentum: 0.9))
        for text in ["cnn", "mlp:64,32"] { XCTAssertEqual(try ModelSpec(parsing: text).description, text) }
        for text in ["phinge:3", "phinge:2", "hinge", "squared_hinge", "logistic", "bce"] { XCTAssertEqual(try LossSpec(parsing: text).description, text) }
        for text in ["adam:0.0002", "adam", "rmsprop:0.001", "sgd:0.01:0.9", "sgd:0.05", "sgd"] {
            XCTAssertEqual(try OptimizerSpec(parsing: text).description, text)
        }
        XCTAssertEqual(try OptimizerSpec(parsing: "rmsprop:1e-4").description, "rmsprop:0.0001")
    }

    func testSpecsMakeWhatTheyName() throws {
        XCTAssertEqual("\(try LossSpec(parsing: "phinge:2").make())", "\(PolynomialHinge(power: 2))")
        XCTAssertEqual(try LossSpec(parsing: "bce").make().labels, .zeroOne)
        let adam = try XCTUnwrap(OptimizerSpec.adam(learningRate: 0.0002).make() as? Adam)
        XCTAssertEqual(adam.learningRate, 0.0002)
        let cnn = try ModelSpec.seedCNN.build(inputShape: [28, 28, 3])
        XCTAssertEqual(cnn.parameters.map(\.shape), try seedCNN().parameters.map(\.shape))
        let sigmoidHead = try ModelSpec.seedCNN.build(inputShape: [28, 28, 3], head: .sigmoid)
        XCTAssertEqual((sigmoidHead.layers.last as? Dense)?.activation, .sigmoid)
    }

    func testBadValuesNameTheFix() {
        for (text, fix) in [("mlp", "mlp:64,32"), ("mlp:0", "mlp:64,32"), ("resnet", "model must be cnn")] {
            XCTAssertThrowsError(try ModelSpec(parsing: text)) { XCTAssertTrue("\($0)".contains(fix), "\($0)") }
        }
        XCTAssertThrowsError(try LossSpec(parsing: "phinge:0")) { XCTAssertTrue("\($0)".contains("integer power >= 1"), "\($0)") }
        XCTAssertThrowsError(try OptimizerSpec(parsing: "adam:-1")) { XCTAssertTrue("\($0)".contains("non-negative"), "\($0)") }
        XCTAssertThrowsError(try OptimizerSpec(parsing: "lion:0.1")) { XCTAssertTrue("\($0)".contains("adam:LR"), "\($0)") }
    }
}
