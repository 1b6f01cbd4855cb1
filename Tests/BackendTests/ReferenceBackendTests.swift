import Backend
import XCTest

/// The Float kernels of `ReferenceBackend` agree with the generic Float64 `ReferenceOps`, and bad
/// configs or array lengths give a `ReferenceBackendError` that names the problem.
final class ReferenceBackendTests: XCTestCase {
    func testName() {
        XCTAssertEqual(ReferenceBackend().name, "reference")
    }

    func testFloatConv2DForwardMatchesDouble() throws {
        for (k, padding, fuse) in [(3, Padding.same, true), (5, .valid, false), (2, .same, false)] {
            let c = Conv2DConfig(
                batch: 3, height: 5, width: 7, inChannels: 3, outChannels: 4, kernelSize: k,
                padding: padding, fuseReLU: fuse)
            var rng = ReferenceTestGenerator(seed: UInt64(k))
            let x = rng.uniformArray(c.inputCount), w = rng.uniformArray(c.weightCount), b = rng.uniformArray(4)
            let expected = try ReferenceOps.conv2DForward(c, input: x, weights: w, bias: b)
            var y = [Float](repeating: .nan, count: c.outputCount)
            try ReferenceBackend().conv2D(c).forward(input: floats(x), weights: floats(w), bias: floats(b), output: &y)
            assertClose(y, expected, "conv2D \(c)")
        }
    }

    func testFloatDenseForwardMatchesDouble() throws {
        let c = DenseConfig(batch: 3, inFeatures: 7, outFeatures: 5)
        var rng = ReferenceTestGenerator(seed: 7)
        let x = rng.uniformArray(21), w = rng.uniformArray(35), b = rng.uniformArray(5)
        let expected = try ReferenceOps.denseForward(c, input: x, weights: w, bias: b)
        var y = [Float](repeating: .nan, count: 15)
        try ReferenceBackend().dense(c).forward(input: floats(x), weights: floats(w), bias: floats(b), output: &y)
        assertClose(y, expected, "dense \(c)")
    }

    func testFloatMaxPoolAndActivationsMatchDouble() throws {
        let c = MaxPoolConfig(batch: 3, height: 5, width: 7, channels: 2)
        var rng = ReferenceTestGenerator(seed: 8)
        let x = rng.uniformArray(c.inputCount, -3, 3)
        let pooled = try ReferenceOps.maxPool2x2Forward(c, input: x).output
        var y = [Float](repeating: .nan, count: c.outputCount)
        try ReferenceBackend().maxPool(c).forward(input: floats(x), output: &y)
        assertClose(y, pooled, "maxPool \(c)")
        for activation in Activation.allCases {
            var a = [Float](repeating: .nan, count: x.count)
            try ReferenceBackend().activation(activation, count: x.count).forward(input: floats(x), output: &a)
            assertClose(a, ReferenceOps.activationForward(activation, input: x), "activation \(activation)")
        }
    }

    // MARK: Errors

    func testInvalidConfigsAreRejected() {
        let backend = ReferenceBackend()
        let tooLarge = Conv2DConfig(
            batch: 1, height: 4, width: 6, inChannels: 1, outChannels: 1, kernelSize: 5,
            padding: .valid)
        assertError(try backend.conv2D(tooLarge), mentions: ["does not fit a 4x6 image", "padding 'same'"])
        let noBatch = Conv2DConfig(
            batch: 0, height: 4, width: 4, inChannels: 1, outChannels: 1, kernelSize: 3,
            padding: .same)
        assertError(try backend.conv2D(noBatch), mentions: ["batch is 0"])
        assertError(try backend.dense(DenseConfig(batch: 2, inFeatures: 0, outFeatures: 3)), mentions: ["inFeatures is 0"])
        assertError(
            try backend.maxPool(MaxPoolConfig(batch: 1, height: 1, width: 4, channels: 1)),
            mentions: ["height is 1", "at least 2"])
        assertError(try backend.activation(.tanh, count: -1), mentions: ["count is negative"])
        assertError(
            try ReferenceOps.conv2DForward(
                tooLarge, input: [Double](repeating: 0, count: 24),
                weights: [Double](repeating: 0, count: 25), bias: [0]),
            mentions: ["ReferenceOps.conv2DForward"])
    }

    func testWrongArrayLengthsAreRejected() {
        let c = Conv2DConfig(batch: 1, height: 3, width: 3, inChannels: 2, outChannels: 1, kernelSize: 3, padding: .same)
        let x = [Double](repeating: 0, count: 18)
        assertError(
            try ReferenceOps.conv2DForward(c, input: x, weights: [Double](repeating: 0, count: 9), bias: [0]),
            mentions: ["'weights' has 9 values", "needs 18", "HWIO"])
        assertError(
            try ReferenceOps.conv2DBackwardData(c, gradOutput: x, weights: [Double](repeating: 0, count: 18)),
            mentions: ["'gradOutput' has 18 values", "needs 9"])
        let d = DenseConfig(batch: 2, inFeatures: 3, outFeatures: 1)
        assertError(
            try ReferenceOps.denseBackwardWeights(d, input: [1, 2, 3] as [Double], gradOutput: [1, 1]),
            mentions: ["'input' has 3 values", "needs 6"])
        assertError(
            try ReferenceOps.activationBackward(.relu, output: [1, 2] as [Double], gradOutput: [1]),
            mentions: ["'gradOutput' has 1 values", "needs 2"])
    }

    func testOutOfRangeArgmaxIsRejected() {
        let c = MaxPoolConfig(batch: 1, height: 2, width: 4, channels: 1)
        assertError(
            try ReferenceOps.maxPool2x2Backward(c, gradOutput: [1, 1] as [Double], argmax: [0, 8]),
            mentions: ["holds 8 at position 1", "0..<8"])
    }

    private func assertError<R>(
        _ body: @autoclosure () throws -> R, mentions parts: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try body()
            XCTFail("expected a ReferenceBackendError mentioning \(parts)", file: file, line: line)
        } catch let error as ReferenceBackendError {
            for part in parts {
                XCTAssert(error.description.contains(part), "'\(error)' should mention '\(part)'", file: file, line: line)
            }
        } catch {
            XCTFail("unexpected error type: \(error)", file: file, line: line)
        }
    }

    /// Float results within Float rounding of the Float64 ones: |a - e| <= 1e-5 * (1 + |e|).
    private func assertClose(
        _ actual: [Float], _ expected: [Double], _ what: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(Double(a) - e) <= 1e-5 * (1 + abs(e))) {
            return XCTFail("\(what): value \(i) is \(a), expected \(e)", file: file, line: line)
        }
    }
}

// Helpers as members, so that they shadow any same-named helper elsewhere in the test target.
private extension ReferenceBackendTests {
    func floats(_ values: [Double]) -> [Float] { values.map { Float($0) } }
}
