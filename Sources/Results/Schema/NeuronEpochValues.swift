/// One exponential neuron's values at the end of an epoch, for models with one neuron per output
/// unit (an element of `EpochRecord.neurons`, in output order): in the file
/// `{"a": 0.01, "b": -0.2, "w_norm": 1.3, "identity_residual": 1e-7, "diverging": false}`.
public struct NeuronEpochValues: Codable, Sendable, Equatable {
    public var a: Double?
    public var b: Double?
    public var wNorm: Double?
    public var identityResidual: Double?
    public var diverging: Bool

    public init(a: Double?, b: Double?, wNorm: Double?, identityResidual: Double?, diverging: Bool) {
        self.a = a; self.b = b; self.wNorm = wNorm; self.identityResidual = identityResidual; self.diverging = diverging
    }

    enum CodingKeys: String, CodingKey {
        case a, b, wNorm = "w_norm", identityResidual = "identity_residual", diverging
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        a = try c.finiteDouble(forKey: .a)
        b = try c.finiteDouble(forKey: .b)
        wNorm = try c.finiteDouble(forKey: .wNorm)
        identityResidual = try c.finiteDouble(forKey: .identityResidual)
        diverging = try c.decode(Bool.self, forKey: .diverging)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeOrNull(a, forKey: .a)
        try c.encodeOrNull(b, forKey: .b)
        try c.encodeOrNull(wNorm, forKey: .wNorm)
        try c.encodeOrNull(identityResidual, forKey: .identityResidual)
        try c.encode(diverging, forKey: .diverging)
    }
}
