import Foundation
import IO

/// One finished arm of one seed, read back from its folder.
public struct GANArmRun: Sendable {
    public var result: GANResultFile
    public var log: [GANLogRecord]
    public var files: GANRunFiles

    /// Whether the run ended other than completed.
    public var failed: Bool { result.fate != .completed }
}

/// Every finished run of a study folder (`<out>/seed-<seed>/<arm>/result.json`), by seed and arm.
public struct GANStudyResults: Sendable {
    public var runs: [UInt64: [GANArm: GANArmRun]]

    /// Reads every seed folder; an arm without result.json (unfinished) is left out.
    public init(folder: URL) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var runs: [UInt64: [GANArm: GANArmRun]] = [:]
        let decoder = JSONDecoder()
        for name in names where name.hasPrefix("seed-") {
            guard let seed = UInt64(name.dropFirst(5)) else { continue }
            for arm in GANArm.allCases {
                let files = GANRunFiles(folder: GANPairRunner.folder(folder, seed: seed, arm: arm))
                guard files.isFinished else { continue }
                do {
                    let result = try decoder.decode(GANResultFile.self, from: Data(contentsOf: files.result))
                    let log = try AtomicFile.readCompleteLines(from: files.log).map { try decoder.decode(GANLogRecord.self, from: Data($0.utf8)) }
                    runs[seed, default: [:]][arm] = GANArmRun(result: result, log: log, files: files)
                } catch {
                    throw GANError.unreadableRun(folder: files.folder.path, reason: "\(error)")
                }
            }
        }
        guard !runs.isEmpty else { throw GANError.noFinishedRuns(folder: folder.path) }
        self.runs = runs
    }

    /// Seeds in increasing order.
    public var seeds: [UInt64] { runs.keys.sorted() }

    /// The finished runs of `arm`, by increasing seed.
    public func arm(_ arm: GANArm) -> [GANArmRun] { seeds.compactMap { runs[$0]?[arm] } }

    /// Seeds with both arms finished, and their runs.
    public var pairs: [(seed: UInt64, plain: GANArmRun, augmented: GANArmRun)] {
        seeds.compactMap { s in
            guard let p = runs[s]?[.plain], let a = runs[s]?[.augmented] else { return nil }
            return (s, p, a)
        }
    }
}
