// Stride-1 k x k convolution (cross-correlation, as Keras/TensorFlow and oneDNN), NHWC x HWIO.
// Output position (oy, ox) reads input rows oy - padBefore ..< oy - padBefore + k, zero outside.

extension ReferenceOps {
    /// output = conv(input, weights) + bias, then max(0, .) when `config.fuseReLU`.
    /// input NHWC [batch, height, width, inChannels]; weights HWIO [k, k, inChannels, outChannels];
    /// bias [outChannels]; returns NHWC [batch, outHeight, outWidth, outChannels].
    public static func conv2DForward<T: BinaryFloatingPoint>(
        _ config: Conv2DConfig, input: [T], weights: [T],
        bias: [T]
    ) throws -> [T] {
        let op = "ReferenceOps.conv2DForward"
        try check(config, operation: op)
        try checkCount(input, config.inputCount, argument: "input", layout: "NHWC batch*height*width*inChannels", operation: op)
        try checkCount(weights, config.weightCount, argument: "weights", layout: "HWIO k*k*inChannels*outChannels", operation: op)
        try checkCount(bias, config.outChannels, argument: "bias", layout: "outChannels", operation: op)
        var output = [T](repeating: 0, count: config.outputCount)
        input.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    output.withUnsafeMutableBufferPointer { y in
                        conv2DForward(
                            config, input: x.baseAddress!, weights: w.baseAddress!, bias: b.baseAddress!,
                            output: y.baseAddress!)
                    }
                }
            }
        }
        return output
    }

    /// Gradient with respect to the input, given the gradient of the pre-activation output
    /// (NHWC [batch, outHeight, outWidth, outChannels]). Returns NHWC [batch, height, width, inChannels].
    public static func conv2DBackwardData<T: BinaryFloatingPoint>(
        _ config: Conv2DConfig, gradOutput: [T],
        weights: [T]
    ) throws -> [T] {
        let op = "ReferenceOps.conv2DBackwardData"
        try check(config, operation: op)
        try checkCount(
            gradOutput, config.outputCount, argument: "gradOutput",
            layout: "NHWC batch*outHeight*outWidth*outChannels", operation: op)
        try checkCount(weights, config.weightCount, argument: "weights", layout: "HWIO k*k*inChannels*outChannels", operation: op)
        var gradInput = [T](repeating: 0, count: config.inputCount)
        gradOutput.withUnsafeBufferPointer { dy in
            weights.withUnsafeBufferPointer { w in
                gradInput.withUnsafeMutableBufferPointer { dx in
                    conv2DBackwardData(
                        config, gradOutput: dy.baseAddress!, weights: w.baseAddress!,
                        gradInput: dx.baseAddress!)
                }
            }
        }
        return gradInput
    }

    /// Gradients with respect to the weights (HWIO) and the bias ([outChannels]), given the forward
    /// input and the gradient of the pre-activation output.
    public static func conv2DBackwardWeights<T: BinaryFloatingPoint>(
        _ config: Conv2DConfig, input: [T],
        gradOutput: [T]
    ) throws -> (weights: [T], bias: [T]) {
        let op = "ReferenceOps.conv2DBackwardWeights"
        try check(config, operation: op)
        try checkCount(input, config.inputCount, argument: "input", layout: "NHWC batch*height*width*inChannels", operation: op)
        try checkCount(
            gradOutput, config.outputCount, argument: "gradOutput",
            layout: "NHWC batch*outHeight*outWidth*outChannels", operation: op)
        var gradWeights = [T](repeating: 0, count: config.weightCount)
        var gradBias = [T](repeating: 0, count: config.outChannels)
        input.withUnsafeBufferPointer { x in
            gradOutput.withUnsafeBufferPointer { dy in
                gradWeights.withUnsafeMutableBufferPointer { dw in
                    gradBias.withUnsafeMutableBufferPointer { db in
                        conv2DBackwardWeights(
                            config, input: x.baseAddress!, gradOutput: dy.baseAddress!,
                            gradWeights: dw.baseAddress!, gradBias: db.baseAddress!)
                    }
                }
            }
        }
        return (gradWeights, gradBias)
    }
}

// MARK: - Unchecked pointer versions (sizes must match the config)

extension ReferenceOps {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2DForward<T: BinaryFloatingPoint>(
        _ c: Conv2DConfig, input: UnsafePointer<T>,
        weights: UnsafePointer<T>, bias: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>
    ) {
        let (k, cin, cout, pad) = (c.kernelSize, c.inChannels, c.outChannels, c.padBefore)
        let (h, w, oh, ow) = (c.height, c.width, c.outHeight, c.outWidth)
        for n in 0..<c.batch {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let y = output + ((n * oh + oy) * ow + ox) * cout
                    for co in 0..<cout { y[co] = bias[co] }
                    for ky in 0..<k {
                        let iy = oy + ky - pad
                        if iy < 0 || iy >= h { continue }
                        for kx in 0..<k {
                            let ix = ox + kx - pad
                            if ix < 0 || ix >= w { continue }
                            let x = input + ((n * h + iy) * w + ix) * cin
                            for ci in 0..<cin {
                                let xv = x[ci]
                                let wRow = weights + ((ky * k + kx) * cin + ci) * cout
                                for co in 0..<cout { y[co] += xv * wRow[co] }
                            }
                        }
                    }
                    if c.fuseReLU {
                        for co in 0..<cout where y[co] < 0 { y[co] = 0 }
                    }
                }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2DBackwardData<T: BinaryFloatingPoint>(
        _ c: Conv2DConfig, gradOutput: UnsafePointer<T>,
        weights: UnsafePointer<T>,
        gradInput: UnsafeMutablePointer<T>
    ) {
        let (k, cin, cout, pad) = (c.kernelSize, c.inChannels, c.outChannels, c.padBefore)
        let (h, w, oh, ow) = (c.height, c.width, c.outHeight, c.outWidth)
        gradInput.update(repeating: 0, count: c.inputCount)
        for n in 0..<c.batch {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let dy = gradOutput + ((n * oh + oy) * ow + ox) * cout
                    for ky in 0..<k {
                        let iy = oy + ky - pad
                        if iy < 0 || iy >= h { continue }
                        for kx in 0..<k {
                            let ix = ox + kx - pad
                            if ix < 0 || ix >= w { continue }
                            let dx = gradInput + ((n * h + iy) * w + ix) * cin
                            for ci in 0..<cin {
                                let wRow = weights + ((ky * k + kx) * cin + ci) * cout
                                var sum: T = 0
                                for co in 0..<cout { sum += dy[co] * wRow[co] }
                                dx[ci] += sum
                            }
                        }
                    }
                }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func conv2DBackwardWeights<T: BinaryFloatingPoint>(
        _ c: Conv2DConfig, input: UnsafePointer<T>,
        gradOutput: UnsafePointer<T>,
        gradWeights: UnsafeMutablePointer<T>,
        gradBias: UnsafeMutablePointer<T>
    ) {
        let (k, cin, cout, pad) = (c.kernelSize, c.inChannels, c.outChannels, c.padBefore)
        let (h, w, oh, ow) = (c.height, c.width, c.outHeight, c.outWidth)
        gradWeights.update(repeating: 0, count: c.weightCount)
        gradBias.update(repeating: 0, count: cout)
        for n in 0..<c.batch {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let dy = gradOutput + ((n * oh + oy) * ow + ox) * cout
                    for co in 0..<cout { gradBias[co] += dy[co] }
                    for ky in 0..<k {
                        let iy = oy + ky - pad
                        if iy < 0 || iy >= h { continue }
                        for kx in 0..<k {
                            let ix = ox + kx - pad
                            if ix < 0 || ix >= w { continue }
                            let x = input + ((n * h + iy) * w + ix) * cin
                            for ci in 0..<cin {
                                let xv = x[ci]
                                let dwRow = gradWeights + ((ky * k + kx) * cin + ci) * cout
                                for co in 0..<cout { dwRow[co] += xv * dy[co] }
                            }
                        }
                    }
                }
            }
        }
    }
}
