import Training

/// Stops once a logged value reaches a threshold (keeps tests short).
final class StopAtThreshold: Callback {
    let key: String, threshold: Double
    init(_ key: String, _ threshold: Double) { self.key = key; self.threshold = threshold }
    func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        if let v = logs[key], v >= threshold { trainer.stopTraining = true }
    }
}
