import Diagnostics
import NN

/// Why training stopped abnormally or its data cannot be trained on; each message says where
/// and what to do. Texts name settings in the library's terms (`Message`).
public enum TrainingError: SettingsDescribed {
    /// The loss became NaN or infinite.
    case nonFiniteLoss(epoch: Int, batch: Int, loss: Double)
    /// A layer refused to continue (e.g. the exponential neuron would overflow); `sample` is the
    /// training-data index of the sample it failed on, when the error names one.
    case stepFailed(epoch: Int, batch: Int, sample: Int?, underlying: Error)
    /// Evaluating a data set failed (e.g. the neuron's exponent overflowed on a validation sample);
    /// `epoch` is set during `fit`, `sample` is the data set's index of the failing sample when known.
    case evaluationFailed(data: String, epoch: Int?, sample: Int?, underlying: Error)
    /// A gradient overflowed: the update would turn weights into NaN.
    case nonFiniteGradient(parameter: String)
    /// `data`'s samples have `shape`, not the model's `sampleShape`.
    case wrongInputShape(data: String, shape: [Int], sampleShape: [Int])
    /// `data`'s labels have `shape`, not one per sample (`classes`: the one-hot width allowed, if any).
    case wrongLabelShape(data: String, shape: [Int], samples: Int, classes: Int?)
    /// `data` has no samples.
    case noSamples(data: String)
    /// `data`'s x holds a NaN or infinity.
    case nonFiniteInput(data: String, sample: Int, value: Float, offset: Int)
    /// A label outside the values the loss takes.
    case labelNotAllowed(data: String, index: Int, value: Float, labels: LabelSet)
    /// A one-hot label row that is not one-hot.
    case notOneHot(data: String, row: Int, values: [Float])
    /// x and y of a data file hold different numbers of samples.
    case sampleCountMismatch(data: String, x: Int, y: Int)
    /// A data file's labels (array `key`) cannot be read as labels.
    case badLabels(file: String, key: String, problem: String, fix: String)
    /// A data file without the array `key`; `fix` says what to change.
    case missingArray(file: String, key: String, found: [String], fix: Message)
    /// A random validation split that leaves no sample for training.
    case nothingLeftToTrain(samples: Int, validationFraction: Double)
    /// A saved training state of another model.
    case stateMismatch(savedWeights: Int, modelWeights: Int)
    /// A weights file whose output layer does not tell the number of classes.
    case classCountUnknown(file: String)

    public var message: Message {
        switch self {
        case .nonFiniteLoss(let e, let b, let l):
            return
                "epoch \(e), batch \(b): the training loss became \(l); training stopped. Lower the learning rate, scale the inputs (e.g. \(.standardize)), or check the data for extreme values."
        case .stepFailed(let e, let b, let sample, let error):
            return "epoch \(e), batch \(b)\(sample.map { " (training sample \($0))" } ?? ""): \(error)"
        case .evaluationFailed(let data, let epoch, let sample, let error):
            return "\(epoch.map { "epoch \($0), " } ?? "")evaluating the \(data)\(sample.map { " (sample \($0))" } ?? ""): \(error)"
        case .nonFiniteGradient(let name):
            return
                "the gradient of \(name) is not finite (float32 overflow), so the update would make weights NaN; training stopped. Lower the learning rate or scale the inputs (e.g. \(.standardize))."
        case .wrongInputShape(let data, let shape, let sampleShape):
            return
                "\(data): x has shape \(shape) but the model takes samples of shape \(sampleShape) (expected [N, \(sampleShape.map(String.init).joined(separator: ", "))])"
        case .wrongLabelShape(let data, let shape, let n, let classes):
            let oneHot = classes.map { " or one-hot [\(n), \($0)]" } ?? ""
            return "\(data): y has shape \(shape) but x has \(n) samples; y must have shape [\(n)] or [\(n), 1]\(oneHot)"
        case .noSamples(let data):
            return "\(data): no samples"
        case .nonFiniteInput(let data, let sample, let value, let offset):
            return "\(data): x[\(sample)] has the non-finite value \(value) at flat position \(offset) of the sample; remove or impute NaN/inf values"
        case .labelNotAllowed(let data, let index, let value, let labels):
            let hint: String
            switch labels {
            case .plusMinusOne: hint = "map {0, 1} labels to {-1, +1} with y = 2*y - 1"
            case .zeroOne: hint = "map {-1, +1} labels to {0, 1} with y = (y + 1) / 2"
            case .classes(let k): hint = "labels must be whole class indices below the model's \(k) outputs (or one-hot rows of length \(k))"
            }
            return "\(data): label y[\(index)] = \(value) is not in \(labels) as this loss needs; \(hint)"
        case .notOneHot(let data, let row, let values):
            return
                "\(data): row \(row) of the one-hot labels y is \(values); each row needs exactly one 1 and zeros elsewhere (soft labels are not supported; give class indices instead)"
        case .sampleCountMismatch(let data, let x, let y):
            return "\(data): x has \(x) samples but y has \(y)"
        case .badLabels(let file, let key, let problem, let fix):
            return "\(file): '\(key)': \(problem); \(fix)"
        case .missingArray(let file, let key, let found, let fix):
            return "\(file): no array '\(key)' (found: \(found.sorted().joined(separator: ", "))); \(fix)"
        case .nothingLeftToTrain(let samples, let fraction):
            return "only \(samples) samples: nothing left for training after a \(fraction) validation split; lower \(.validationFraction)"
        case .stateMismatch(let saved, let model):
            return "the saved state has \(saved) weights, this model has \(model); it was saved from a different model"
        case .classCountUnknown(let file):
            return "\(file): the number of classes cannot be read from it (no output layer with a kernel and a bias of 2 or more units); set \(.classes)"
        }
    }
}
