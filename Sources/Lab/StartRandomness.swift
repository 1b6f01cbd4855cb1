import Foundation
import Stats

/// The random stream of one start: seeded from (seed, task, start, stream) only, so a start's
/// numbers do not depend on the thread count, the order of work or the other starts.
/// Stream 0 draws the original network's weights (shared by both arms: the neuron arm starts
/// from the same network); stream 1 draws the neuron's own weights.
public struct StartRandomness: RandomNumberGenerator {
    private var generator: SplitMix64

    public init(seed: UInt64, task: String, start: Int, stream: UInt64) {
        // FNV-1a of the task's canonical name, then SplitMix64 finalisers to mix in the rest.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in task.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var mixer = SplitMix64(seed: seed ^ hash)
        var state = mixer.next() ^ UInt64(truncatingIfNeeded: start) &* 0xD1B5_4A32_D192_ED03
        var second = SplitMix64(seed: state)
        state = second.next() ^ stream &* 0x8CB9_2BA7_2F3D_8DD7
        generator = SplitMix64(seed: state)
    }

    public mutating func next() -> UInt64 { generator.next() }

    /// A uniform number in (0, 1): 53 random bits, never 0.
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal number (Box-Muller; both values of a pair are not kept, so every call
    /// uses exactly two 64-bit draws and streams stay easy to reason about).
    public mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `count` independent N(0, scale^2) numbers.
    public mutating func normals(_ count: Int, scale: Double = 1) -> [Double] {
        (0..<count).map { _ in normal() * scale }
    }
}
