import Backend
import XCTest

/// Tiny cases worked out by hand (derivations in the comments), so that an error made the same
/// way in forward and backward, which a gradient check cannot see, is still caught.
final class ReferenceKnownValueTests: XCTestCase {
    /// 4x4 image x[i][j] = 4i + j + 1, i.e. rows (1 2 3 4) (5 6 7 8) (9 10 11 12) (13 14 15 16).
    private let image4x4: [Double] = (0..<16).map { Double($0 + 1) }

    /// 3x3 kernel, one channel, with w[ky=0][kx=2] = 1 and w[ky=2][kx=0] = 10 (not symmetric, so a
    /// flipped or transposed kernel gives different numbers). Cross-correlation with 'same' padding
    /// (one zero row/column each side): out[oy][ox] = x[oy-1][ox+1] + 10 x[oy+1][ox-1] + bias.
    private let shiftKernel: [Double] = [
        0, 0, 1,
        0, 0, 0,
        10, 0, 0
    ]

    private func config(_ padding: Padding, fuseReLU: Bool = false) -> Conv2DConfig {
        Conv2DConfig(
            batch: 1, height: 4, width: 4, inChannels: 1, outChannels: 1, kernelSize: 3,
            padding: padding, fuseReLU: fuseReLU)
    }

    func testConv2DSamePaddingForward() throws {
        let y = try ReferenceOps.conv2DForward(config(.same), input: image4x4, weights: shiftKernel, bias: [0.5])
        XCTAssertEqual(
            y,
            [
                0.5, 50.5, 60.5, 70.5,  // row -1 is padding; 10 * (0, 5, 6, 7)
                2.5, 93.5, 104.5, 110.5,  // (2, 3, 4, 0) + 10 * (0, 9, 10, 11)
                6.5, 137.5, 148.5, 150.5,  // (6, 7, 8, 0) + 10 * (0, 13, 14, 15)
                10.5, 11.5, 12.5, 0.5
            ])  // (10, 11, 12, 0); row 4 is padding
        try assertFloatKernelForward(config(.same), input: image4x4, weights: shiftKernel, bias: [0.5], equals: y)
    }

    func testConv2DValidPaddingForwardAndFusedReLU() throws {
        // out[oy][ox] = x[oy][ox+2] + 10 x[oy+2][ox]: 3 + 90, 4 + 100, 7 + 130, 8 + 140.
        let y = try ReferenceOps.conv2DForward(config(.valid), input: image4x4, weights: shiftKernel, bias: [0])
        XCTAssertEqual(y, [93, 104, 137, 148])
        let clamped = try ReferenceOps.conv2DForward(
            config(.valid, fuseReLU: true), input: image4x4,
            weights: shiftKernel, bias: [-100])
        XCTAssertEqual(clamped, [0, 4, 37, 48])
        try assertFloatKernelForward(
            config(.valid, fuseReLU: true), input: image4x4, weights: shiftKernel,
            bias: [-100], equals: clamped)
    }

    func testConv2DValidPaddingBackward() throws {
        let gradOutput: [Double] = [1, 2, 3, 4]
        // g[oy][ox] flows to x[oy][ox+2] (weight 1) and to x[oy+2][ox] (weight 10).
        let dx = try ReferenceOps.conv2DBackwardData(config(.valid), gradOutput: gradOutput, weights: shiftKernel)
        XCTAssertEqual(
            dx,
            [
                0, 0, 1, 2,
                0, 0, 3, 4,
                10, 20, 0, 0,
                30, 40, 0, 0
            ])
        // dw[ky][kx] = 1 x[ky][kx] + 2 x[ky][kx+1] + 3 x[ky+1][kx] + 4 x[ky+1][kx+1]
        //            = 10 (4 ky + kx + 1) + (2 + 12 + 20); dbias = 1 + 2 + 3 + 4.
        let (dw, db) = try ReferenceOps.conv2DBackwardWeights(config(.valid), input: image4x4, gradOutput: gradOutput)
        XCTAssertEqual(
            dw,
            [
                44, 54, 64,
                84, 94, 104,
                124, 134, 144
            ])
        XCTAssertEqual(db, [10])

        let kernel = try ReferenceBackend().conv2D(config(.valid))
        var dxf = [Float](repeating: .nan, count: 16), dwf = [Float](repeating: .nan, count: 9), dbf: [Float] = [.nan]
        kernel.backwardData(gradOutput: floats(gradOutput), weights: floats(shiftKernel), gradInput: &dxf)
        kernel.backwardWeights(input: floats(image4x4), gradOutput: floats(gradOutput), gradWeights: &dwf, gradBias: &dbf)
        XCTAssertEqual(dxf, floats(dx))
        XCTAssertEqual(dwf, floats(dw))
        XCTAssertEqual(dbf, [10])
    }

    /// An even kernel with 'same' pads 0 before and 1 after (TensorFlow), so out[oy][ox] reads
    /// x[oy..oy+1][ox..ox+1]: 1*x00 + 2*x01 + 3*x10 + 4*x11 on x = (1 2 3) (4 5 6) (7 8 9).
    func testConv2DEvenKernelSamePaddingIsAsymmetric() throws {
        let c = Conv2DConfig(batch: 1, height: 3, width: 3, inChannels: 1, outChannels: 1, kernelSize: 2, padding: .same)
        XCTAssertEqual(c.padBefore, 0)
        XCTAssertEqual(c.padAfter, 1)
        let y = try ReferenceOps.conv2DForward(c, input: (1...9).map(Double.init), weights: [1, 2, 3, 4], bias: [0])
        let expected: [Double] = [
            37, 47, 21,  // 1+4+12+20, 2+6+15+24, 3+0+18+0
            67, 77, 33,  // 4+10+21+32, 5+12+24+36, 6+0+27+0
            23, 26, 9
        ]  // 7+16, 8+18, 9 (last row reads padding)
        XCTAssertEqual(y, expected)
    }

    /// Channel order: NHWC input, HWIO weights. 1x1 kernel on 1x1 images is x[n] . W[in, out] + b.
    func testConv2DChannelLayout() throws {
        let c = Conv2DConfig(batch: 2, height: 1, width: 1, inChannels: 2, outChannels: 3, kernelSize: 1, padding: .same)
        let y = try ReferenceOps.conv2DForward(c, input: [1, 2, 3, -1], weights: [1, 2, 3, 4, 5, 6], bias: [0.5, 0, -1])
        let expected: [Double] = [
            9.5, 12, 14,  // (1+8, 2+10, 3+12) + b
            -0.5, 1, 2
        ]  // (3-4, 6-5, 9-6) + b
        XCTAssertEqual(y, expected)
    }

    /// Spatial and channel indexing together: 2x2 image, 2 channels, x[i][j][c] = 10 (2i + j) + c + 1,
    /// 3x3 'same' kernel whose only weights are w[1][2][1][0] = 1 (out channel 0 reads channel 1 one
    /// column to the right) and w[0][1][0][1] = 2 (out channel 1 reads channel 0 one row up).
    func testConv2DMultiChannelIndexing() throws {
        let c = Conv2DConfig(batch: 1, height: 2, width: 2, inChannels: 2, outChannels: 2, kernelSize: 3, padding: .same)
        var w = [Double](repeating: 0, count: c.weightCount)
        w[((1 * 3 + 2) * 2 + 1) * 2 + 0] = 1
        w[((0 * 3 + 1) * 2 + 0) * 2 + 1] = 2
        let x: [Double] = [1, 2, 11, 12, 21, 22, 31, 32]
        let y = try ReferenceOps.conv2DForward(c, input: x, weights: w, bias: [0, 0])
        XCTAssertEqual(
            y,
            [
                12, 0,  // (0,0): x[0][1][1], row -1
                0, 0,  // (0,1): column 2 and row -1 are padding
                32, 2,  // (1,0): x[1][1][1], 2 x[0][0][0]
                0, 22
            ])  // (1,1): column 2, 2 x[0][1][0]
        try assertFloatKernelForward(c, input: x, weights: w, bias: [0, 0], equals: y)
    }

    /// y = x W + b with x = (1 2 3; -1 0 1), W = (1 -1; 2 0; 0 3), b = (0.5, -0.5).
    func testDenseForwardAndBackward() throws {
        let c = DenseConfig(batch: 2, inFeatures: 3, outFeatures: 2)
        let x: [Double] = [1, 2, 3, -1, 0, 1], w: [Double] = [1, -1, 2, 0, 0, 3]
        let expected: [Double] = [
            5.5, 7.5,  // (1+4, -1+9) + b
            -0.5, 3.5
        ]  // (-1, 1+3) + b
        XCTAssertEqual(try ReferenceOps.denseForward(c, input: x, weights: w, bias: [0.5, -0.5]), expected)
        let g: [Double] = [1, 0, 0, 2]
        // dx = g W^T: (1 2 0), (-2 0 6). dW = x^T g: (1 -2), (2 0), (3 2). db = column sums of g.
        XCTAssertEqual(try ReferenceOps.denseBackwardData(c, gradOutput: g, weights: w), [1, 2, 0, -2, 0, 6])
        let (dw, db) = try ReferenceOps.denseBackwardWeights(c, input: x, gradOutput: g)
        XCTAssertEqual(dw, [1, -2, 2, 0, 3, 2])
        XCTAssertEqual(db, [1, 2])

        let kernel = try ReferenceBackend().dense(c)
        var yf = [Float](repeating: .nan, count: 4)
        kernel.forward(input: floats(x), weights: floats(w), bias: [0.5, -0.5], output: &yf)
        XCTAssertEqual(yf, [5.5, 7.5, -0.5, 3.5])
    }

    /// 3x5 input pools to 1x2 (last row and column dropped); ties go to the first maximum in
    /// row-major window order; all values negative so a maximum started at 0 would show.
    func testMaxPoolOddSizeAndTies() throws {
        let c = MaxPoolConfig(batch: 1, height: 3, width: 5, channels: 1)
        let x: [Double] = [
            -5, -3, -2, -2, 9,
            -4, -3, -7, -2, 9,
            100, 100, 100, 100, 100
        ]
        let (y, argmax) = try ReferenceOps.maxPool2x2Forward(c, input: x)
        XCTAssertEqual(y, [-3, -2])
        XCTAssertEqual(argmax, [1, 2])  // -3 at (0,1) before (1,1); -2 at (0,2) before (0,3) and (1,3)
        var expected = [Double](repeating: 0, count: 15)
        expected[1] = 5; expected[2] = 7
        XCTAssertEqual(try ReferenceOps.maxPool2x2Backward(c, gradOutput: [5, 7], argmax: argmax), expected)

        let kernel = try ReferenceBackend().maxPool(c)
        var yf = [Float](repeating: .nan, count: 2), dxf = [Float](repeating: .nan, count: 15)
        kernel.forward(input: floats(x), output: &yf)
        kernel.backward(input: floats(x), output: yf, gradOutput: [5, 7], gradInput: &dxf)
        XCTAssertEqual(yf, [-3, -2])
        XCTAssertEqual(dxf, floats(expected))
    }

    /// Ties per channel in NHWC: channel 0 is all equal (winner (0,0)), channel 1 is (0, 3, 3, 3) (winner (0,1)).
    func testMaxPoolTiesPerChannel() throws {
        let c = MaxPoolConfig(batch: 1, height: 2, width: 2, channels: 2)
        let (y, argmax) = try ReferenceOps.maxPool2x2Forward(c, input: [1, 0, 1, 3, 1, 3, 1, 3] as [Double])
        XCTAssertEqual(y, [1, 3])
        XCTAssertEqual(argmax, [0, 3])
    }

    func testActivationValues() throws {
        XCTAssertEqual(ReferenceOps.activationForward(.relu, input: [-2, 0, 0.5, 3] as [Double]), [0, 0, 0.5, 3])
        XCTAssertEqual(ReferenceOps.activationForward(.linear, input: [-2, 0.5] as [Double]), [-2, 0.5])
        // tanh(ln 2) = (4 - 1) / (4 + 1); sigmoid(ln 3) = 3 / 4; sigmoid saturates without NaN.
        let t = ReferenceOps.activationForward(.tanh, input: [0, log(2.0), -log(2.0)])
        XCTAssertEqual(t[0], 0)
        XCTAssertEqual(t[1], 0.6, accuracy: 1e-15)
        XCTAssertEqual(t[2], -0.6, accuracy: 1e-15)
        let s = ReferenceOps.activationForward(.sigmoid, input: [0, log(3.0), -1000, 1000])
        XCTAssertEqual(s[0], 0.5)
        XCTAssertEqual(s[1], 0.75, accuracy: 1e-15)
        XCTAssertEqual(s[2], 0)
        XCTAssertEqual(s[3], 1)
        XCTAssert(ReferenceOps.activationForward(.relu, input: [Double.nan])[0].isNaN, "ReLU must propagate NaN")
    }

    /// Backward from the forward output: relu' = [y > 0], tanh' = 1 - y^2, sigmoid' = y (1 - y), linear' = 1.
    func testActivationDerivativesFromOutput() throws {
        XCTAssertEqual(try ReferenceOps.activationBackward(.relu, output: [0, 0.5], gradOutput: [3, 3] as [Double]), [0, 3])
        XCTAssertEqual(
            try ReferenceOps.activationBackward(.tanh, output: [0.6], gradOutput: [2] as [Double])[0],
            1.28, accuracy: 1e-15)
        XCTAssertEqual(try ReferenceOps.activationBackward(.sigmoid, output: [0.75], gradOutput: [2] as [Double]), [0.375])
        XCTAssertEqual(try ReferenceOps.activationBackward(.linear, output: [7], gradOutput: [-2] as [Double]), [-2])

        let kernel = try ReferenceBackend().activation(.sigmoid, count: 1)
        var dx: [Float] = [.nan]
        kernel.backward(output: [0.75], gradOutput: [2], gradInput: &dx)
        XCTAssertEqual(dx, [0.375])
    }

    private func assertFloatKernelForward(
        _ c: Conv2DConfig, input: [Double], weights: [Double], bias: [Double],
        equals expected: [Double], file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let kernel = try ReferenceBackend().conv2D(c)
        var y = [Float](repeating: .nan, count: c.outputCount)
        kernel.forward(input: floats(input), weights: floats(weights), bias: floats(bias), output: &y)
        XCTAssertEqual(y, floats(expected), "Float kernel", file: file, line: line)
    }
}

// Helpers as members, so that they shadow any same-named helper elsewhere in the test target.
private extension ReferenceKnownValueTests {
    func floats(_ values: [Double]) -> [Float] { values.map { Float($0) } }
}
