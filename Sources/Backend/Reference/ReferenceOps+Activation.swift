import Foundation

// Element-wise activations. Backward takes the forward OUTPUT y = f(x):
//   relu' = y > 0 ? 1 : 0,  tanh' = 1 - y^2,  sigmoid' = y (1 - y),  linear' = 1.
// tanh and sigmoid are evaluated in Float64 and rounded to T.

extension ReferenceOps {
    /// y = f(x) element-wise.
    public static func activationForward<T: BinaryFloatingPoint>(_ activation: Activation, input: [T]) -> [T] {
        var output = [T](repeating: 0, count: input.count)
        if input.isEmpty { return output }
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                activationForward(activation, count: input.count, input: x.baseAddress!, output: y.baseAddress!)
            }
        }
        return output
    }

    /// gradInput = gradOutput * f'(x), computed from the forward output y = f(x).
    public static func activationBackward<T: BinaryFloatingPoint>(
        _ activation: Activation, output: [T],
        gradOutput: [T]
    ) throws -> [T] {
        try checkCount(
            gradOutput, output.count, argument: "gradOutput", layout: "same count as output",
            operation: "ReferenceOps.activationBackward")
        var gradInput = [T](repeating: 0, count: output.count)
        if output.isEmpty { return gradInput }
        output.withUnsafeBufferPointer { y in
            gradOutput.withUnsafeBufferPointer { dy in
                gradInput.withUnsafeMutableBufferPointer { dx in
                    activationBackward(
                        activation, count: output.count, output: y.baseAddress!,
                        gradOutput: dy.baseAddress!, gradInput: dx.baseAddress!)
                }
            }
        }
        return gradInput
    }

    /// Numerically stable logistic function 1 / (1 + e^-x).
    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }
}

// MARK: - Unchecked pointer versions

extension ReferenceOps {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func activationForward<T: BinaryFloatingPoint>(
        _ activation: Activation, count: Int, input: UnsafePointer<T>,
        output: UnsafeMutablePointer<T>
    ) {
        switch activation {
        case .relu:
            // `x < 0` rather than `x > 0` so that NaN propagates instead of becoming 0.
            for i in 0..<count { output[i] = input[i] < 0 ? 0 : input[i] }
        case .tanh:
            for i in 0..<count { output[i] = T(Foundation.tanh(Double(input[i]))) }
        case .sigmoid:
            for i in 0..<count { output[i] = T(sigmoid(Double(input[i]))) }
        case .linear:
            for i in 0..<count { output[i] = input[i] }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func activationBackward<T: BinaryFloatingPoint>(
        _ activation: Activation, count: Int, output: UnsafePointer<T>,
        gradOutput: UnsafePointer<T>, gradInput: UnsafeMutablePointer<T>
    ) {
        switch activation {
        case .relu:
            for i in 0..<count { gradInput[i] = output[i] > 0 ? gradOutput[i] : 0 }
        case .tanh:
            for i in 0..<count { gradInput[i] = gradOutput[i] * (1 - output[i] * output[i]) }
        case .sigmoid:
            for i in 0..<count { gradInput[i] = gradOutput[i] * output[i] * (1 - output[i]) }
        case .linear:
            for i in 0..<count { gradInput[i] = gradOutput[i] }
        }
    }
}
