// Fully connected layer: y[n, o] = sum_i x[n, i] * w[i, o] + b[o], weights [inFeatures, outFeatures].

extension ReferenceOps {
    /// input [batch, inFeatures]; weights [inFeatures, outFeatures]; bias [outFeatures];
    /// returns [batch, outFeatures].
    public static func denseForward<T: BinaryFloatingPoint>(
        _ config: DenseConfig, input: [T], weights: [T],
        bias: [T]
    ) throws -> [T] {
        let op = "ReferenceOps.denseForward"
        try check(config, operation: op)
        try checkDenseCounts(config, input: input, weights: weights, operation: op)
        try checkCount(bias, config.outFeatures, argument: "bias", layout: "outFeatures", operation: op)
        var output = [T](repeating: 0, count: config.batch * config.outFeatures)
        input.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    output.withUnsafeMutableBufferPointer { y in
                        denseForward(
                            config, input: x.baseAddress!, weights: w.baseAddress!, bias: b.baseAddress!,
                            output: y.baseAddress!)
                    }
                }
            }
        }
        return output
    }

    /// Gradient with respect to the input [batch, inFeatures], given gradOutput [batch, outFeatures].
    public static func denseBackwardData<T: BinaryFloatingPoint>(
        _ config: DenseConfig, gradOutput: [T],
        weights: [T]
    ) throws -> [T] {
        let op = "ReferenceOps.denseBackwardData"
        try check(config, operation: op)
        try checkCount(
            gradOutput, config.batch * config.outFeatures, argument: "gradOutput",
            layout: "batch*outFeatures", operation: op)
        try checkCount(
            weights, config.inFeatures * config.outFeatures, argument: "weights",
            layout: "inFeatures*outFeatures", operation: op)
        var gradInput = [T](repeating: 0, count: config.batch * config.inFeatures)
        gradOutput.withUnsafeBufferPointer { dy in
            weights.withUnsafeBufferPointer { w in
                gradInput.withUnsafeMutableBufferPointer { dx in
                    denseBackwardData(
                        config, gradOutput: dy.baseAddress!, weights: w.baseAddress!,
                        gradInput: dx.baseAddress!)
                }
            }
        }
        return gradInput
    }

    /// Gradients with respect to the weights [inFeatures, outFeatures] and bias [outFeatures].
    public static func denseBackwardWeights<T: BinaryFloatingPoint>(
        _ config: DenseConfig, input: [T],
        gradOutput: [T]
    ) throws -> (weights: [T], bias: [T]) {
        let op = "ReferenceOps.denseBackwardWeights"
        try check(config, operation: op)
        try checkCount(input, config.batch * config.inFeatures, argument: "input", layout: "batch*inFeatures", operation: op)
        try checkCount(
            gradOutput, config.batch * config.outFeatures, argument: "gradOutput",
            layout: "batch*outFeatures", operation: op)
        var gradWeights = [T](repeating: 0, count: config.inFeatures * config.outFeatures)
        var gradBias = [T](repeating: 0, count: config.outFeatures)
        input.withUnsafeBufferPointer { x in
            gradOutput.withUnsafeBufferPointer { dy in
                gradWeights.withUnsafeMutableBufferPointer { dw in
                    gradBias.withUnsafeMutableBufferPointer { db in
                        denseBackwardWeights(
                            config, input: x.baseAddress!, gradOutput: dy.baseAddress!,
                            gradWeights: dw.baseAddress!, gradBias: db.baseAddress!)
                    }
                }
            }
        }
        return (gradWeights, gradBias)
    }

    private static func checkDenseCounts<T>(_ c: DenseConfig, input: [T], weights: [T], operation: String) throws {
        try checkCount(input, c.batch * c.inFeatures, argument: "input", layout: "batch*inFeatures", operation: operation)
        try checkCount(
            weights, c.inFeatures * c.outFeatures, argument: "weights", layout: "inFeatures*outFeatures",
            operation: operation)
    }
}

// MARK: - Unchecked pointer versions (sizes must match the config)

extension ReferenceOps {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func denseForward<T: BinaryFloatingPoint>(
        _ c: DenseConfig, input: UnsafePointer<T>, weights: UnsafePointer<T>,
        bias: UnsafePointer<T>, output: UnsafeMutablePointer<T>
    ) {
        let (nin, nout) = (c.inFeatures, c.outFeatures)
        for n in 0..<c.batch {
            let x = input + n * nin, y = output + n * nout
            for o in 0..<nout { y[o] = bias[o] }
            for i in 0..<nin {
                let xv = x[i], wRow = weights + i * nout
                for o in 0..<nout { y[o] += xv * wRow[o] }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func denseBackwardData<T: BinaryFloatingPoint>(
        _ c: DenseConfig, gradOutput: UnsafePointer<T>,
        weights: UnsafePointer<T>, gradInput: UnsafeMutablePointer<T>
    ) {
        let (nin, nout) = (c.inFeatures, c.outFeatures)
        for n in 0..<c.batch {
            let dy = gradOutput + n * nout, dx = gradInput + n * nin
            for i in 0..<nin {
                let wRow = weights + i * nout
                var sum: T = 0
                for o in 0..<nout { sum += dy[o] * wRow[o] }
                dx[i] = sum
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func denseBackwardWeights<T: BinaryFloatingPoint>(
        _ c: DenseConfig, input: UnsafePointer<T>,
        gradOutput: UnsafePointer<T>,
        gradWeights: UnsafeMutablePointer<T>,
        gradBias: UnsafeMutablePointer<T>
    ) {
        let (nin, nout) = (c.inFeatures, c.outFeatures)
        gradWeights.update(repeating: 0, count: nin * nout)
        gradBias.update(repeating: 0, count: nout)
        for n in 0..<c.batch {
            let x = input + n * nin, dy = gradOutput + n * nout
            for o in 0..<nout { gradBias[o] += dy[o] }
            for i in 0..<nin {
                let xv = x[i], dwRow = gradWeights + i * nout
                for o in 0..<nout { dwRow[o] += xv * dy[o] }
            }
        }
    }
}
