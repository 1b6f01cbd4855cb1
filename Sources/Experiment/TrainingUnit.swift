import Foundation
import Results

/// One training of an experiment: run `run` (seed `seed`) of one arm. Both arms of a run share
/// the seed, hence the base network's initial weights and the batch order (paired design).
public struct TrainingUnit: Sendable, Hashable {
    public let run: Int
    /// The arm (Report's `Arm`: plain or augmented).
    public let arm: Arm
    public let seed: UInt64

    /// Folder name under `trainings/`.
    public var folderName: String { "run\(run)-\(arm.rawValue)" }

    /// All trainings of an experiment in canonical order, then the shard's share: unit k belongs to shard (k mod n) + 1.
    public static func all(runs: Int, seed: UInt64, shard: (index: Int, count: Int) = (1, 1)) -> [TrainingUnit] {
        let units = (0..<runs).flatMap { r in Arm.allCases.map { TrainingUnit(run: r, arm: $0, seed: seed + UInt64(r)) } }
        return units.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
    }
}
