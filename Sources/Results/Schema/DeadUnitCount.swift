/// How many units of one ReLU layer were dead in an epoch (an element of `EpochRecord.deadUnits`):
/// in the file `{"layer": "dense", "dead": 10, "units": 10}`.
public struct DeadUnitCount: Codable, Sendable, Equatable {
    public var layer: String
    /// Units that output exactly zero for every training sample of the epoch.
    public var dead: Int
    /// Units of the layer (a convolution's channels, a dense layer's neurons).
    public var units: Int

    public init(layer: String, dead: Int, units: Int) { self.layer = layer; self.dead = dead; self.units = units }

    /// dead / units.
    public var fraction: Double { units == 0 ? 0 : Double(dead) / Double(units) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        layer = try c.decode(String.self, forKey: .layer)
        dead = try c.decode(Int.self, forKey: .dead)
        units = try c.decode(Int.self, forKey: .units)
        guard units >= 0, (0...units).contains(dead) else {
            throw DecodingError.dataCorruptedError(forKey: .dead, in: c, debugDescription: "dead units must be between 0 and units (\(units)), found \(dead)")
        }
    }
}
