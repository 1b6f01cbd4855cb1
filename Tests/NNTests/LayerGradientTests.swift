import Backend
import GradientChecks
import NN
import XCTest

/// Every built-in layer: float32 oneDNN backward vs float64 central differences (relative error < 1e-2).
final class LayerGradientTests: XCTestCase {
    private func assertGradients(_ check: LayerGradientCheck, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try check.run()
        XCTAssertLessThan(result.worst, 1e-2, "\(name): \(result.detail)", file: file, line: line)
    }

    func testConv2DGradients() throws {
        for (channels, padding, activation, k) in [
            (1, Padding.same, Activation.linear, 3), (3, .valid, .relu, 3),
            (3, .same, .relu, 3), (1, .valid, .tanh, 1), (3, .same, .sigmoid, 5)
        ] {
            let layer = Conv2D(filters: 4, kernelSize: k, padding: padding, activation: activation)
            let shape = [5, 7, channels]
            let check = LayerGradientCheck(layer: layer, inputShape: shape, batch: 3) { x, p in
                let c = Conv2DConfig(batch: 3, height: 5, width: 7, inChannels: channels, outChannels: 4, kernelSize: k, padding: padding)
                let z = try ReferenceOps.conv2DForward(c, input: x, weights: p[0], bias: p[1])
                return ReferenceOps.activationForward(activation, input: z)
            }
            try assertGradients(check, "Conv2D \(channels)ch \(padding) \(activation) k\(k)")
        }
    }

    func testDenseGradients() throws {
        for activation in Activation.allCases {
            let layer = Dense(units: 4, activation: activation)
            let check = LayerGradientCheck(layer: layer, inputShape: [7], batch: 3) { x, p in
                let z = try ReferenceOps.denseForward(DenseConfig(batch: 3, inFeatures: 7, outFeatures: 4), input: x, weights: p[0], bias: p[1])
                return ReferenceOps.activationForward(activation, input: z)
            }
            try assertGradients(check, "Dense \(activation)")
        }
    }

    func testActivationLayerGradients() throws {
        for activation in [Activation.relu, .tanh, .sigmoid] {
            let check = LayerGradientCheck(
                layer: ActivationLayer(activation), inputShape: [5, 7, 3], batch: 3,
                forward64: { x, _ in
                    ReferenceOps.activationForward(activation, input: x)
                }, inputRange: (-3, 3))
            try assertGradients(check, "\(activation) layer")
        }
    }

    func testMaxPoolingGradients() throws {
        let check = LayerGradientCheck(layer: MaxPooling2D(), inputShape: [5, 7, 3], batch: 3) { x, _ in
            try ReferenceOps.maxPool2x2Forward(MaxPoolConfig(batch: 3, height: 5, width: 7, channels: 3), input: x).output
        }
        try assertGradients(check, "MaxPooling2D 5x7x3")
    }

    func testFlattenGradients() throws {
        let check = LayerGradientCheck(layer: Flatten(), inputShape: [5, 7, 3], batch: 3) { x, _ in x }
        try assertGradients(check, "Flatten")
    }

    func testCheckDetectsAWrongBackward() throws {
        // The checker itself must fail on a layer whose backward is wrong.
        let check = LayerGradientCheck(layer: WrongGradientLayer(), inputShape: [4], batch: 2) { x, _ in x.map { 2 * $0 } }
        XCTAssertGreaterThan(try check.run().worst, 0.4)
    }
}

/// y = 2x with a deliberately wrong backward (dx = dy).
private final class WrongGradientLayer: Layer {
    var name = "wrong"
    func build(inputShape: [Int], context: BuildContext) throws -> [Int] { inputShape }
    func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        for i in 0..<input.count { output.pointer[i] = 2 * input.pointer[i] }
    }
    func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        guard let gradInput else { return }
        for i in 0..<input.count { gradInput.pointer[i] = gradOutput.pointer[i] }
    }
}
