import Backend
import GradientChecks
import NN
import Tensor
import XCTest

/// The documented way to write a layer: a forward and a backward function over flat buffers.
/// This one computes y = x * s + t per channel (a learned scale and shift).
final class ScaleShift: Layer {
    var name = "scale_shift"
    private(set) var scale: Parameter!
    private(set) var shift: Parameter!
    var parameters: [Parameter] { scale.map { [$0, shift] } ?? [] }
    private var channels = 0

    func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard let c = inputShape.last else {
            throw TensorError.shapeMismatch(expected: [nil], actual: inputShape, context: "layer \(name)")
        }
        channels = c
        scale = Parameter(name: "\(name)/scale", shape: [c], initializer: .constant(1))
        shift = Parameter(name: "\(name)/shift", shape: [c], initializer: .zeros)
        return inputShape
    }

    func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        for i in 0..<input.count {
            let c = i % channels
            output.pointer[i] = input.pointer[i] * scale.value[c] + shift.value[c]
        }
    }

    func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        scale.gradient.update(repeating: 0)
        shift.gradient.update(repeating: 0)
        for i in 0..<input.count {
            let c = i % channels, dy = gradOutput.pointer[i]
            scale.gradient[c] += dy * input.pointer[i]
            shift.gradient[c] += dy
            gradInput?.pointer[i] = dy * scale.value[c]
        }
    }
}

final class CustomLayerTests: XCTestCase {
    func testCustomLayerPassesTheGradientCheck() throws {
        let check = LayerGradientCheck(layer: ScaleShift(), inputShape: [5, 7, 3], batch: 3) { x, p in
            x.enumerated().map { i, v in v * p[0][i % 3] + p[1][i % 3] }
        }
        XCTAssertLessThan(try check.run().worst, 1e-2)
    }

    func testCustomLayerWorksInsideSequential() throws {
        let model = try Sequential([ScaleShift(), Flatten(), Dense(units: 1, activation: .tanh)], inputShape: [4, 4, 2])
        XCTAssertEqual(model.parameters.map(\.name).prefix(2), ["scale_shift/scale", "scale_shift/shift"])
        XCTAssertEqual(try model.predict(Tensor(shape: [3, 4, 4, 2])).shape, [3, 1])
    }
}
