import Foundation
import Results

/// What a multi-class experiment predicts, read from config.json alone: "target" (what the classes
/// are, e.g. "subject"; absent for the binary task) and "classes" (K; present only with a
/// multi-class loss). A binary-task config has neither, and the report then says nothing of a task.
struct ExperimentTask: Equatable {
    /// The config's "target", e.g. "subject" or "session"; nil when it names none (a data file with K classes).
    let target: String?
    /// K, the number of classes and output units; nil when the config does not say.
    let classes: Int?
    /// The config's "split" and "loss", as written.
    let split: String?
    let loss: String?
    /// The data's kind when the config's "data" names one before a colon ("eeg:eeg" is "EEG").
    let dataKind: String?
    /// The config's "neuron_per_layer": neurons on every hidden layer's output too.
    let perLayer: Bool

    /// The task of `config`, or nil for a binary-task config (neither "target" nor "classes").
    init?(config: ExperimentConfig) {
        let perLayer = config.neuronPerLayer == true
        guard config.target != nil || config.classes != nil || perLayer else { return nil }
        self.perLayer = perLayer
        target = config.target
        classes = config.classes
        split = config.split
        loss = config.loss
        let data = config.data
        if let colon = data.firstIndex(of: ":"), colon > data.startIndex {
            dataKind = data[..<colon].uppercased()
        } else {
            dataKind = nil
        }
    }

    /// More than one output unit, so the augmented arm has one neuron per output.
    var isMultiClass: Bool { (classes ?? 0) > 1 }

    /// "Task: EEG subject identification, 8 classes, time split, loss cce. Accuracy is top-1: ... Chance level 1/8 = 0.125 (...)."
    var line: String {
        if target == nil && classes == nil { return "Task: binary classification, loss \(loss ?? "?")." }
        var what = [dataKind, target.map { "\($0) identification" } ?? "classification"].compactMap { $0 }.joined(separator: " ")
        if let classes { what += ", \(classes) classes" }
        if let split { what += ", \(split) split" }
        if let loss { what += ", loss \(loss)" }
        var text = "Task: \(what)."
        if let classes, classes > 1 {
            text += " Accuracy is top-1: a sample counts as right when its largest output is its class."
            text +=
                " Chance level 1/\(classes) = \(ReportFormat.significant(1 / Double(classes))) (uniform guessing; with unbalanced classes, always answering the most frequent one scores more)."
        }
        return text
    }

    /// The arms sentence of the report's first paragraph: one neuron per output unit when K > 1,
    /// else the binary task's single neuron (the sentence of every binary report).
    static func armsText(_ task: ExperimentTask?) -> String {
        if let task, task.perLayer {
            let k = task.classes ?? 1
            return "Arms: \"with neuron\" is the network plus exponential neurons on its input and on every hidden layer's output h_l, "
                + (k > 1 ? "one per output unit each, f_k = f0_k + sum_l a_lk*exp(w_lk.h_l+b_lk) for k = 1..\(k)" : "f = f0 + sum_l a_l*exp(w_l.h_l+b_l)")
                + ", with the penalty lambda*a^2 on every scale (per-layer variant, red); \"without neuron\" the plain network f0 (blue)."
        }
        guard let classes = task?.classes, classes > 1 else {
            return "Arms: \"with neuron\" is the network plus the exponential neuron a*exp(w.x+b) (red), \"without neuron\" the plain network (blue)."
        }
        return "Arms: \"with neuron\" is the network plus one exponential neuron per output unit, f_k = f0_k + a_k*exp(w_k.x+b_k) for k = 1..\(classes), "
            + "with the penalty lambda*(a_1^2 + ... + a_\(classes)^2) (red); \"without neuron\" the plain network f0 (blue)."
    }
}
