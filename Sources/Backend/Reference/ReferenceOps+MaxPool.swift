// 2x2, stride-2 max pooling over NHWC; a trailing odd row/column is dropped (floor).
// Ties go to the first maximum in row-major window order: (0,0), (0,1), (1,0), (1,1).

extension ReferenceOps {
    /// input NHWC [batch, height, width, channels]; returns the pooled output
    /// [batch, height/2, width/2, channels] and, for each output element, the flat index into
    /// `input` of the element that won its window.
    public static func maxPool2x2Forward<T: BinaryFloatingPoint>(
        _ config: MaxPoolConfig,
        input: [T]
    ) throws -> (output: [T], argmax: [Int]) {
        let op = "ReferenceOps.maxPool2x2Forward"
        try check(config, operation: op)
        try checkCount(input, config.inputCount, argument: "input", layout: "NHWC batch*height*width*channels", operation: op)
        var output = [T](repeating: 0, count: config.outputCount)
        var argmax = [Int](repeating: 0, count: config.outputCount)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { a in
                    maxPool2x2Forward(config, input: x.baseAddress!, output: y.baseAddress!, argmax: a.baseAddress!)
                }
            }
        }
        return (output, argmax)
    }

    /// Routes gradOutput [batch, height/2, width/2, channels] to the window winners recorded by
    /// `maxPool2x2Forward`; every other input position gets zero.
    public static func maxPool2x2Backward<T: BinaryFloatingPoint>(
        _ config: MaxPoolConfig, gradOutput: [T],
        argmax: [Int]
    ) throws -> [T] {
        let op = "ReferenceOps.maxPool2x2Backward"
        try check(config, operation: op)
        try checkCount(
            gradOutput, config.outputCount, argument: "gradOutput",
            layout: "NHWC batch*(height/2)*(width/2)*channels", operation: op)
        try checkCount(argmax, config.outputCount, argument: "argmax", layout: "one input index per output", operation: op)
        for (position, index) in argmax.enumerated() where index < 0 || index >= config.inputCount {
            throw ReferenceBackendError.indexOutOfRange(
                operation: op, argument: "argmax", position: position,
                value: index, limit: config.inputCount)
        }
        var gradInput = [T](repeating: 0, count: config.inputCount)
        gradOutput.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { a in
                gradInput.withUnsafeMutableBufferPointer { dx in
                    maxPool2x2Backward(config, gradOutput: dy.baseAddress!, argmax: a.baseAddress!, gradInput: dx.baseAddress!)
                }
            }
        }
        return gradInput
    }
}

// MARK: - Unchecked pointer versions (sizes must match the config)

extension ReferenceOps {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func maxPool2x2Forward<T: BinaryFloatingPoint>(
        _ c: MaxPoolConfig, input: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>, argmax: UnsafeMutablePointer<Int>
    ) {
        let (h, w, ch, oh, ow) = (c.height, c.width, c.channels, c.outHeight, c.outWidth)
        for n in 0..<c.batch {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let out = ((n * oh + oy) * ow + ox) * ch
                    let topLeft = ((n * h + 2 * oy) * w + 2 * ox) * ch
                    for channel in 0..<ch {
                        // Row-major window order; a later element wins only if strictly greater.
                        let first = topLeft + channel
                        var best = first
                        if input[first + ch] > input[best] { best = first + ch }
                        if input[first + w * ch] > input[best] { best = first + w * ch }
                        if input[first + w * ch + ch] > input[best] { best = first + w * ch + ch }
                        output[out + channel] = input[best]
                        argmax[out + channel] = best
                    }
                }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func maxPool2x2Backward<T: BinaryFloatingPoint>(
        _ c: MaxPoolConfig, gradOutput: UnsafePointer<T>,
        argmax: UnsafePointer<Int>, gradInput: UnsafeMutablePointer<T>
    ) {
        gradInput.update(repeating: 0, count: c.inputCount)
        for j in 0..<c.outputCount { gradInput[argmax[j]] += gradOutput[j] }
    }
}
