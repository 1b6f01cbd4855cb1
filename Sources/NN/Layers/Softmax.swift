import Foundation
import Tensor

/// Softmax over each sample's values (Keras `Activation('softmax')` on a flat input): class
/// probabilities from logits. It keeps its input as logits, so softmax cross-entropy computes
/// from them exactly, as Keras on TensorFlow does (`_keras_logits`) — `LogitKeepingLayer`.
///
/// Plain Swift, no backend kernel: it runs over a handful of class scores per sample (a measured
/// non-issue: 16 classes x 128 samples is ~2k exponentials a step). Each value is computed in
/// Double from the max-shifted logits and rounded once, so it is within half an ulp of the exact
/// softmax (TensorFlow's float32 softmax is within a few ulp).
public final class Softmax: LogitKeepingLayer {
    public var name: String
    private var classes = 0
    private var lastInput: UnsafePointer<Float>?

    public init(name: String = "softmax") { self.name = name }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw TensorError.shapeMismatch(
                expected: [nil], actual: inputShape, context: "layer \(name) (Softmax) input (class scores); put it after a Dense layer")
        }
        classes = inputShape[0]
        return inputShape
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        softmax(input.pointer, into: output.pointer, samples: input.batchSize, classes: classes)
        lastInput = UnsafePointer(input.pointer)
    }

    /// The input of the last forward pass.
    public var logits: UnsafePointer<Float>? { lastInput }

    public func backward(input: Activations, output: Activations, gradLogits: Activations, gradInput: Activations?) throws {
        gradInput?.pointer.update(from: gradLogits.pointer, count: gradLogits.count)
    }

    /// dx_j = y_j (dy_j - sum_i dy_i y_i) for each sample (sums in Double).
    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        guard let gradInput else { return }
        for s in 0..<input.batchSize {
            let y = output.pointer + s * classes, dy = gradOutput.pointer + s * classes, dx = gradInput.pointer + s * classes
            var dot = 0.0
            for j in 0..<classes { dot += Double(dy[j]) * Double(y[j]) }
            for j in 0..<classes { dx[j] = Float(Double(y[j]) * (Double(dy[j]) - dot)) }
        }
    }
}

/// Row-wise softmax of `samples` rows of `classes` logits: exp(z_j - max z) / sum, in Double.
public func softmax(_ logits: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, samples: Int, classes: Int) {
    for s in 0..<samples {
        let z = logits + s * classes, p = output + s * classes
        let (top, sum) = shiftedExponentialSum(z, classes)
        for j in 0..<classes { p[j] = Float(exp(Double(z[j]) - top) / sum) }
    }
}

/// The largest of `k` logits and the sum of exp(z_j - largest), in Double: softmax's denominator
/// without overflow (softmax_j = exp(z_j - top) / total, logsumexp = top + log(total)).
func shiftedExponentialSum(_ z: UnsafePointer<Float>, _ k: Int) -> (top: Double, total: Double) {
    var top = -Double.infinity
    for j in 0..<k { top = max(top, Double(z[j])) }
    var total = 0.0
    for j in 0..<k { total += exp(Double(z[j]) - top) }
    return (top, total)
}
