import NN
import Tensor
import XCTest

final class InitializerTests: XCTestCase {
    func testGlorotUniformLimitsAndKerasFans() throws {
        let model = try seedCNN()
        let store = try ParameterStore(model.parameters)
        var g = SeededGenerator(seed: 1)
        store.initialize(using: &g)
        // conv2d_1/kernel: 3x3x32 -> 32: fan_in = fan_out = 288, limit = sqrt(6/576)
        let kernel = try XCTUnwrap(store.parameter(named: "conv2d_1/kernel"))
        XCTAssertEqual(kernel.shape, [3, 3, 32, 32])
        let limit = Float((6.0 / 576).squareRoot())
        XCTAssertLessThanOrEqual(kernel.value.map(abs).max()!, limit)
        XCTAssertGreaterThan(kernel.value.map(abs).max()!, 0.95 * limit)
        XCTAssertEqual(store.parameter(named: "conv2d/bias")!.value.max(), 0)
        XCTAssertEqual(store.count, 896 + 9248 + 54090 + 11)
        // Same seed, same numbers.
        let again = try ParameterStore(try seedCNN().parameters)
        var g2 = SeededGenerator(seed: 1)
        again.initialize(using: &g2)
        XCTAssertEqual(again.snapshot(), store.snapshot())
    }

    /// N(mean, std^2), seeded: the same seed gives the same values.
    func testNormalInitializer() {
        var values = [Float](repeating: 0, count: 20000), again = values
        var g = SeededGenerator(seed: 4), g2 = SeededGenerator(seed: 4)
        values.withUnsafeMutableBufferPointer { Initializer.normal(mean: 0.5, std: 0.02).fill($0, fans: (1, 1), generator: &g) }
        again.withUnsafeMutableBufferPointer { Initializer.normal(mean: 0.5, std: 0.02).fill($0, fans: (1, 1), generator: &g2) }
        XCTAssertEqual(values, again)
        let mean = values.reduce(0.0) { $0 + Double($1) } / 20000
        let std = (values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / 20000).squareRoot()
        XCTAssertEqual(mean, 0.5, accuracy: 0.001)  // standard error 0.02 / sqrt(20000) = 1.4e-4
        XCTAssertEqual(std, 0.02, accuracy: 0.0005)
        XCTAssertEqual(Initializer.normal(mean: 0, std: 0.02).description, "normal(0.0, 0.02)")
    }

    func testL2RegularizerKerasConvention() {
        var w: [Float] = [1, -2]
        var grad: [Float] = [0, 0]
        w.withUnsafeMutableBufferPointer { wb in
            XCTAssertEqual(Regularizer.l2(0.1).penalty(wb), 0.5, accuracy: 1e-9)  // 0.1 * (1 + 4)
            grad.withUnsafeMutableBufferPointer { Regularizer.l2(0.1).addGradient(wb, into: $0) }
        }
        XCTAssertEqual(grad, [0.2, -0.4])
    }
}
