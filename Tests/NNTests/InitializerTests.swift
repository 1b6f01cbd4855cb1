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

    func testL2RegularizerKerasConvention() {
        var w: [Float] = [1, -2]
        var grad: [Float] = [0, 0]
        w.withUnsafeMutableBufferPointer { wb in
            XCTAssertEqual(Regularizer.l2(0.1).penalty(wb), 0.5, accuracy: 1e-9) // 0.1 * (1 + 4)
            grad.withUnsafeMutableBufferPointer { Regularizer.l2(0.1).addGradient(wb, into: $0) }
        }
        XCTAssertEqual(grad, [0.2, -0.4])
    }
}
