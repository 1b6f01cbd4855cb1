extension KeyedEncodingContainer {
    /// Writes `value`, or null when it is nil (results files always show every key of their schema).
    mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

extension KeyedDecodingContainer {
    /// A number, or nil for null, a missing key or a non-finite value (written as null).
    func finiteDouble(forKey key: Key) throws -> Double? {
        try decodeIfPresent(Double.self, forKey: key).flatMap { $0.isFinite ? $0 : nil }
    }

    /// Like `finiteDouble`, but the key must be present (its value may be null).
    func requiredFiniteDouble(forKey key: Key) throws -> Double? {
        try decode(Double?.self, forKey: key).flatMap { $0.isFinite ? $0 : nil }
    }
}

/// A value that is nil when not finite (results hold nil where a computation gave NaN or infinity).
public func finite(_ v: Double?) -> Double? {
    guard let v, v.isFinite else { return nil }
    return v
}
