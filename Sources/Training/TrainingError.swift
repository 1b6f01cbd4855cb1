/// Why training stopped abnormally; each message says where and what to do.
public enum TrainingError: Error, CustomStringConvertible {
    /// The loss became NaN or infinite.
    case nonFiniteLoss(epoch: Int, batch: Int, loss: Double)
    /// A layer refused to continue (e.g. the exponential neuron would overflow); `sample` is the
    /// training-data index of the sample it failed on, when the error names one.
    case stepFailed(epoch: Int, batch: Int, sample: Int?, underlying: Error)
    /// Evaluating a data set failed (e.g. the neuron's exponent overflowed on a validation sample);
    /// `epoch` is set during `fit`, `sample` is the data set's index of the failing sample when known.
    case evaluationFailed(data: String, epoch: Int?, sample: Int?, underlying: Error)
    /// Data that cannot be trained on: wrong shapes, labels, NaN values.
    case invalidData(String)
    /// A gradient overflowed: the update would turn weights into NaN.
    case nonFiniteGradient(parameter: String)

    public var description: String {
        switch self {
        case .nonFiniteLoss(let e, let b, let l):
            return "epoch \(e), batch \(b): the training loss became \(l); training stopped. Lower the learning rate, scale the inputs (e.g. --standardize), or check the data for extreme values."
        case .stepFailed(let e, let b, let sample, let error):
            return "epoch \(e), batch \(b)\(sample.map { " (training sample \($0))" } ?? ""): \(error)"
        case .evaluationFailed(let data, let epoch, let sample, let error):
            return (epoch.map { "epoch \($0), " } ?? "") + "evaluating the \(data)" + (sample.map { " (sample \($0))" } ?? "") + ": \(error)"
        case .invalidData(let m):
            return m
        case .nonFiniteGradient(let name):
            return "the gradient of \(name) is not finite (float32 overflow), so the update would make weights NaN; training stopped. Lower the learning rate or scale the inputs (e.g. --standardize)."
        }
    }
}
