extension EpochRecord {
    /// The columns of `epochs.csv`, in order.
    public static let csvHeader = [
        "run", "seed", "arm", "epoch", "loss", "accuracy", "val_loss", "val_accuracy",
        "a", "b", "w_norm", "neuron_max", "f0_loss", "f0_accuracy", "identity_residual", "diverging", "dead_units"
    ]

    /// The record's row of `epochs.csv`: empty cells for nil (and the plain arm's neuron columns),
    /// diverging as 1.0 or 0.0, dead units as `layer=dead/units` per ReLU layer, separated by spaces.
    public var csvRow: [String] {
        let numbers = [
            loss, accuracy, valLoss, valAccuracy, a, b, wNorm, neuronMax, f0Loss, f0Accuracy, identityResidual,
            diverging.map { $0 ? 1.0 : 0.0 }
        ]
        return ["\(run)", "\(seed)", arm.rawValue, "\(epoch)"] + numbers.map { $0.map(csvNumber) ?? "" }
            + [(deadUnits ?? []).map { "\($0.layer)=\($0.dead)/\($0.units)" }.joined(separator: " ")]
    }
}

/// A CSV cell for a number: Swift's shortest round-trip form (`1.0`, `0.5500685871056241`), empty when not finite.
public func csvNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }
