import Foundation
import Tensor
import Report
import Training

/// The keys of one line of epochs.jsonl, in order. "seconds" lives in timings.jsonl so that the
/// results themselves are identical between an interrupted-and-resumed run and an uninterrupted one.
let epochKeys = ["loss", "accuracy", "val_loss", "val_accuracy"]
let neuronKeys = ["a", "b", "w_norm", "neuron_max", "f0_loss", "f0_accuracy", "identity_residual"]

/// One JSON line for an epoch of a training.
func epochLine(_ unit: TrainingUnit, epoch: Int, logs: Logs) -> String {
    var fields = ["\"run\": \(unit.run)", "\"seed\": \(unit.seed)", "\"arm\": \"\(unit.arm.rawValue)\"", "\"epoch\": \(epoch)"]
    for key in epochKeys { fields.append("\"\(key)\": \(jsonNumber(logs[key] ?? .nan))") }
    if unit.arm == .augmented {
        for key in neuronKeys { fields.append("\"\(key)\": \(jsonNumber(logs[key] ?? .nan))") }
        fields.append("\"diverging\": \((logs["diverging"] ?? 0) > 0 ? "true" : "false")")
    }
    return "{" + fields.joined(separator: ", ") + "}"
}

/// One JSON line of timings.jsonl.
func timingLine(_ unit: TrainingUnit, epoch: Int, seconds: Double) -> String {
    "{\"run\": \(unit.run), \"arm\": \"\(unit.arm.rawValue)\", \"epoch\": \(epoch), \"seconds\": \(jsonNumber(seconds))}"
}

/// Parses the numbers of an epoch line back (for summaries and early-stopping replays).
struct EpochValues {
    var epoch: Int
    var values: [String: Double]

    init(line: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let epoch = object["epoch"] as? Int else {
            throw ExperimentError.mismatchedResults("malformed epoch line: \(line.prefix(120))")
        }
        self.epoch = epoch
        var values: [String: Double] = [:]
        for (k, v) in object {
            if let n = v as? NSNumber, !(v is Bool) { values[k] = n.doubleValue }
            if let b = v as? Bool { values[k] = b ? 1 : 0 }
        }
        self.values = values
    }
}
