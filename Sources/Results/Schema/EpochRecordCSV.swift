extension EpochRecord {
    /// The columns of `epochs.csv`, in order.
    public static let csvHeader = ["run", "seed", "arm", "epoch", "loss", "accuracy", "val_loss", "val_accuracy",
                                   "a", "b", "w_norm", "neuron_max", "f0_loss", "f0_accuracy", "identity_residual", "diverging"]

    /// The record's row of `epochs.csv`: empty cells for nil (and the plain arm's neuron columns),
    /// diverging as 1.0 or 0.0.
    public var csvRow: [String] {
        let numbers = [loss, accuracy, valLoss, valAccuracy, a, b, wNorm, neuronMax, f0Loss, f0Accuracy, identityResidual,
                       diverging.map { $0 ? 1.0 : 0.0 }]
        return ["\(run)", "\(seed)", arm.rawValue, "\(epoch)"] + numbers.map { $0.map(csvNumber) ?? "" }
    }
}

/// A CSV cell for a number: Swift's shortest round-trip form (`1.0`, `0.5500685871056241`), empty when not finite.
public func csvNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }
