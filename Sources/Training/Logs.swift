/// Named numbers of one epoch or batch, in insertion order (Keras' `logs` dict):
/// "loss", "accuracy", "val_loss", "val_accuracy", "seconds", and whatever callbacks add.
public struct Logs: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: Double] = [:]

    public init() {}

    public subscript(key: String) -> Double? {
        get { values[key] }
        set {
            if values[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            values[key] = newValue
        }
    }
}

/// The per-epoch record of a `fit` (Keras' History.history): one array per key, one value per epoch.
public struct History: Sendable, Equatable {
    /// Keys in first-seen order.
    public private(set) var keys: [String] = []
    /// key -> value per epoch (NaN where an epoch lacked that key).
    public private(set) var values: [String: [Double]] = [:]
    /// Number of epochs recorded.
    public private(set) var epochs = 0

    public init() {}

    /// Appends one epoch's logs.
    public mutating func append(_ logs: Logs) {
        for key in logs.keys where values[key] == nil {
            keys.append(key)
            values[key] = [Double](repeating: .nan, count: epochs)
        }
        for key in keys { values[key]!.append(logs[key] ?? .nan) }
        epochs += 1
    }

    public subscript(key: String) -> [Double]? { values[key] }
}
