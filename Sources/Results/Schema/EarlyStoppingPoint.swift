/// Where an early-stopping rule would have stopped a finished training, replayed from its
/// per-epoch record. In `runs.jsonl`: `{"epoch": 12, "val_accuracy": 0.81}` (nulls: it never stopped).
public struct EarlyStoppingPoint: Equatable, Sendable, Codable {
    /// Epoch at which training would have stopped (nil: it never stopped).
    public var epoch: Int?
    /// Validation accuracy of the weights it would have kept (the best-val_loss epoch, restored).
    public var valAccuracy: Double?

    public init(epoch: Int?, valAccuracy: Double?) {
        self.epoch = epoch
        self.valAccuracy = valAccuracy
    }

    /// The rule never stopped the training.
    public static let never = EarlyStoppingPoint(epoch: nil, valAccuracy: nil)

    enum CodingKeys: String, CodingKey { case epoch, valAccuracy = "val_accuracy" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decodeIfPresent(Int.self, forKey: .epoch)
        valAccuracy = try c.finiteDouble(forKey: .valAccuracy)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(epoch, forKey: .epoch)
        try c.encodeOrNull(valAccuracy, forKey: .valAccuracy)
    }
}
