/// Tiny deterministic random source for the backend tests (SplitMix64), so that they need no
/// other module. Same seed, same numbers on every platform.
struct ReferenceTestGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * (Double(next() >> 11) * 0x1p-53)
    }

    /// `count` values uniform in [low, high).
    mutating func uniformArray(_ count: Int, _ low: Double = -1, _ high: Double = 1) -> [Double] {
        (0..<count).map { _ in uniform(low, high) }
    }
}
