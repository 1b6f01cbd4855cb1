import Backend
import GradientChecks
import XCTest

/// Every reference backward against Float64 central differences of its Float64 forward, for the
/// loss L = sum(r * output) with a fixed random projection r. The backward runs twice: generic
/// `ReferenceOps` in Double (tolerance 1e-6) and the Float kernels of `ReferenceBackend`
/// (tolerance 1e-2). Sizes are odd on purpose (5x7 images, batch 3, 1 and 3 channels).
final class ReferenceGradientTests: XCTestCase {
    static let doubleTolerance = 1e-6
    static let floatTolerance = 1e-2

    // MARK: Convolution

    func testConv2DSamePaddingOddKernels() throws {
        for (k, cin) in [(3, 3), (3, 1), (1, 3), (5, 3), (5, 1)] {
            try checkConv2D(
                Conv2DConfig(
                    batch: 3, height: 5, width: 7, inChannels: cin, outChannels: 2,
                    kernelSize: k, padding: .same), seed: UInt64(10 + k * 10 + cin))
        }
    }

    func testConv2DValidPadding() throws {
        for (k, cin) in [(3, 3), (3, 1), (1, 1), (5, 3)] {  // 5x7 with k = 5 gives a 1x3 output
            try checkConv2D(
                Conv2DConfig(
                    batch: 3, height: 5, width: 7, inChannels: cin, outChannels: 2,
                    kernelSize: k, padding: .valid), seed: UInt64(100 + k * 10 + cin))
        }
    }

    /// Even kernels pad asymmetrically with 'same' (TensorFlow: one less row/column before than after).
    func testConv2DSamePaddingEvenKernels() throws {
        for k in [2, 4] {
            try checkConv2D(
                Conv2DConfig(
                    batch: 2, height: 5, width: 7, inChannels: 2, outChannels: 3,
                    kernelSize: k, padding: .same), seed: UInt64(200 + k))
        }
    }

    /// With the fused ReLU the backward kernels take the pre-activation gradient, here r masked by y > 0.
    func testConv2DFusedReLU() throws {
        for (k, padding) in [(3, Padding.same), (3, .valid), (1, .same)] {
            try checkConv2D(
                Conv2DConfig(
                    batch: 3, height: 5, width: 7, inChannels: 3, outChannels: 3,
                    kernelSize: k, padding: padding, fuseReLU: true), seed: UInt64(300 + k))
        }
    }

    // MARK: Dense

    func testDense() throws {
        for (batch, nin, nout) in [(3, 7, 5), (1, 1, 3), (4, 9, 1)] {
            try checkDense(
                DenseConfig(batch: batch, inFeatures: nin, outFeatures: nout),
                seed: UInt64(400 + batch * 100 + nin * 10 + nout))
        }
    }

    // MARK: Max pooling

    func testMaxPoolOddAndEvenSizes() throws {
        // 5x7 -> 2x3 drops the last row and column; their gradient must be zero.
        for (h, w, channels) in [(5, 7, 2), (4, 6, 3), (2, 3, 1)] {
            try checkMaxPool(
                MaxPoolConfig(batch: 3, height: h, width: w, channels: channels),
                seed: UInt64(500 + h * 100 + w * 10 + channels))
        }
    }

    // MARK: Activations

    func testActivations() throws {
        for (index, activation) in Activation.allCases.enumerated() {
            try checkActivation(activation, count: 3 * 5 * 7, seed: UInt64(600 + index))
        }
    }
}

// MARK: - Checks

extension ReferenceGradientTests {
    private func checkConv2D(
        _ config: Conv2DConfig, seed: UInt64, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        var rng = ReferenceTestGenerator(seed: seed)
        let x = rng.uniformArray(config.inputCount)
        let w = rng.uniformArray(config.weightCount)
        let b = rng.uniformArray(config.outChannels, -0.5, 0.5)
        let r = rng.uniformArray(config.outputCount)
        let label = "conv2D \(config)"
        let forward = { (x: [Double], w: [Double], b: [Double]) in
            try ReferenceOps.conv2DForward(config, input: x, weights: w, bias: b)
        }
        let numericInput = try GradientCheck.centralDifferences(of: { try dot(r, forward($0, w, b)) }, at: x)
        let numericWeights = try GradientCheck.centralDifferences(of: { try dot(r, forward(x, $0, b)) }, at: w)
        let numericBias = try GradientCheck.centralDifferences(of: { try dot(r, forward(x, w, $0)) }, at: b)

        // Float64 backward.
        let y = try forward(x, w, b)
        if config.fuseReLU {
            XCTAssert(
                y.contains(0) && y.contains { $0 > 0 }, "\(label): ReLU should clamp some outputs, not all",
                file: file, line: line)
        }
        let g = config.fuseReLU ? try ReferenceOps.activationBackward(.relu, output: y, gradOutput: r) : r
        let dx = try ReferenceOps.conv2DBackwardData(config, gradOutput: g, weights: w)
        let (dw, db) = try ReferenceOps.conv2DBackwardWeights(config, input: x, gradOutput: g)
        assertGradient(dx, numericInput, below: Self.doubleTolerance, "\(label) Double input", file: file, line: line)
        assertGradient(dw, numericWeights, below: Self.doubleTolerance, "\(label) Double weights", file: file, line: line)
        assertGradient(db, numericBias, below: Self.doubleTolerance, "\(label) Double bias", file: file, line: line)

        // Float32 backward through the backend kernels.
        let backend = ReferenceBackend()
        let kernel = try backend.conv2D(config)
        let (xf, wf, bf, rf) = (floats(x), floats(w), floats(b), floats(r))
        var yf = [Float](repeating: .nan, count: config.outputCount)
        kernel.forward(input: xf, weights: wf, bias: bf, output: &yf)
        var gf = rf
        if config.fuseReLU {
            try backend.activation(.relu, count: yf.count).backward(output: yf, gradOutput: rf, gradInput: &gf)
        }
        var dxf = [Float](repeating: .nan, count: config.inputCount)
        var dwf = [Float](repeating: .nan, count: config.weightCount)
        var dbf = [Float](repeating: .nan, count: config.outChannels)
        kernel.backwardData(gradOutput: gf, weights: wf, gradInput: &dxf)
        kernel.backwardWeights(input: xf, gradOutput: gf, gradWeights: &dwf, gradBias: &dbf)
        assertGradient(doubles(dxf), numericInput, below: Self.floatTolerance, "\(label) Float input", file: file, line: line)
        assertGradient(doubles(dwf), numericWeights, below: Self.floatTolerance, "\(label) Float weights", file: file, line: line)
        assertGradient(doubles(dbf), numericBias, below: Self.floatTolerance, "\(label) Float bias", file: file, line: line)
    }

    private func checkDense(
        _ config: DenseConfig, seed: UInt64, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        var rng = ReferenceTestGenerator(seed: seed)
        let x = rng.uniformArray(config.batch * config.inFeatures)
        let w = rng.uniformArray(config.inFeatures * config.outFeatures)
        let b = rng.uniformArray(config.outFeatures)
        let r = rng.uniformArray(config.batch * config.outFeatures)
        let label = "dense \(config)"
        let forward = { (x: [Double], w: [Double], b: [Double]) in
            try ReferenceOps.denseForward(config, input: x, weights: w, bias: b)
        }
        let numericInput = try GradientCheck.centralDifferences(of: { try dot(r, forward($0, w, b)) }, at: x)
        let numericWeights = try GradientCheck.centralDifferences(of: { try dot(r, forward(x, $0, b)) }, at: w)
        let numericBias = try GradientCheck.centralDifferences(of: { try dot(r, forward(x, w, $0)) }, at: b)

        let dx = try ReferenceOps.denseBackwardData(config, gradOutput: r, weights: w)
        let (dw, db) = try ReferenceOps.denseBackwardWeights(config, input: x, gradOutput: r)
        assertGradient(dx, numericInput, below: Self.doubleTolerance, "\(label) Double input", file: file, line: line)
        assertGradient(dw, numericWeights, below: Self.doubleTolerance, "\(label) Double weights", file: file, line: line)
        assertGradient(db, numericBias, below: Self.doubleTolerance, "\(label) Double bias", file: file, line: line)

        let kernel = try ReferenceBackend().dense(config)
        let (xf, wf, rf) = (floats(x), floats(w), floats(r))
        var dxf = [Float](repeating: .nan, count: x.count)
        var dwf = [Float](repeating: .nan, count: w.count)
        var dbf = [Float](repeating: .nan, count: b.count)
        kernel.backwardData(gradOutput: rf, weights: wf, gradInput: &dxf)
        kernel.backwardWeights(input: xf, gradOutput: rf, gradWeights: &dwf, gradBias: &dbf)
        assertGradient(doubles(dxf), numericInput, below: Self.floatTolerance, "\(label) Float input", file: file, line: line)
        assertGradient(doubles(dwf), numericWeights, below: Self.floatTolerance, "\(label) Float weights", file: file, line: line)
        assertGradient(doubles(dbf), numericBias, below: Self.floatTolerance, "\(label) Float bias", file: file, line: line)
    }

    private func checkMaxPool(
        _ config: MaxPoolConfig, seed: UInt64, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        var rng = ReferenceTestGenerator(seed: seed)
        let x = rng.uniformArray(config.inputCount)
        let r = rng.uniformArray(config.outputCount)
        let label = "maxPool \(config)"
        let numeric = try GradientCheck.centralDifferences(
            of: { try dot(r, ReferenceOps.maxPool2x2Forward(config, input: $0).output) }, at: x)

        let (_, argmax) = try ReferenceOps.maxPool2x2Forward(config, input: x)
        let dx = try ReferenceOps.maxPool2x2Backward(config, gradOutput: r, argmax: argmax)
        assertGradient(dx, numeric, below: Self.doubleTolerance, "\(label) Double input", file: file, line: line)

        let kernel = try ReferenceBackend().maxPool(config)
        var yf = [Float](repeating: .nan, count: config.outputCount)
        var dxf = [Float](repeating: .nan, count: config.inputCount)
        kernel.forward(input: floats(x), output: &yf)
        kernel.backward(input: floats(x), output: yf, gradOutput: floats(r), gradInput: &dxf)
        assertGradient(doubles(dxf), numeric, below: Self.floatTolerance, "\(label) Float input", file: file, line: line)
    }

    private func checkActivation(
        _ activation: Activation, count: Int, seed: UInt64, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        var rng = ReferenceTestGenerator(seed: seed)
        // Keep inputs at least 0.05 away from the ReLU kink so that finite differences are exact.
        let x = rng.uniformArray(count, -3, 3).map { $0 < 0 ? min($0, -0.05) : max($0, 0.05) }
        let r = rng.uniformArray(count)
        let label = "activation \(activation.rawValue)"
        let numeric = GradientCheck.centralDifferences(
            of: { dot(r, ReferenceOps.activationForward(activation, input: $0)) }, at: x)

        let y = ReferenceOps.activationForward(activation, input: x)
        let dx = try ReferenceOps.activationBackward(activation, output: y, gradOutput: r)
        assertGradient(dx, numeric, below: Self.doubleTolerance, "\(label) Double input", file: file, line: line)

        let kernel = try ReferenceBackend().activation(activation, count: count)
        var yf = [Float](repeating: .nan, count: count)
        var dxf = [Float](repeating: .nan, count: count)
        kernel.forward(input: floats(x), output: &yf)
        kernel.backward(output: yf, gradOutput: floats(r), gradInput: &dxf)
        assertGradient(doubles(dxf), numeric, below: Self.floatTolerance, "\(label) Float input", file: file, line: line)
    }

    /// Fails when the robust relative error reaches `tolerance`, or when the gradient is identically
    /// zero (a check that could not fail).
    private func assertGradient(
        _ analytic: [Double], _ numeric: [Double], below tolerance: Double, _ what: String,
        file: StaticString, line: UInt
    ) {
        guard analytic.count == numeric.count else {
            return XCTFail("\(what): \(analytic.count) analytic vs \(numeric.count) numeric values", file: file, line: line)
        }
        let result = GradientCheck.compare(analytic: analytic, numeric: numeric)
        XCTAssertLessThan(result.maxRelativeError, tolerance, "\(what): \(result)", file: file, line: line)
        XCTAssertGreaterThan(result.scale, 0, "\(what): gradient is identically zero", file: file, line: line)
    }
}

// Helpers as members, so that they shadow any same-named helper elsewhere in the test target.
private extension ReferenceGradientTests {
    func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "dot of \(a.count) and \(b.count) values")
        return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    func floats(_ values: [Double]) -> [Float] { values.map { Float($0) } }

    func doubles(_ values: [Float]) -> [Double] { values.map { Double($0) } }
}
