import Diagnostics
import Backend
import Foundation
import Synchronization

/// A paired study: seeds `firstSeed ..< firstSeed + runs`, both arms each, `jobs` seeds at a time,
/// each job with an equal share of `threads` (results do not depend on it). Resumable: a rerun keeps
/// every arm with a result.json and resumes the others from their checkpoints (every
/// `checkpointEvery` steps). Shardable: shard i of n runs the seeds whose index (from 0) is
/// i - 1 modulo n; shards writing into one folder, or folders copied together, make one study.
public struct GANStudy: Sendable {
    public var base: GANConfig
    public var arms: [GANArm]
    public var runs: Int
    public var jobs: Int
    public var threads: Int
    public var shard: (index: Int, count: Int) = (1, 1)
    /// Steps between an arm's checkpoints (0: none).
    public var checkpointEvery = 10_000
    public var out: URL

    public init(base: GANConfig, arms: [GANArm], runs: Int, jobs: Int, threads: Int, out: URL) {
        self.base = base; self.arms = arms; self.runs = runs; self.jobs = jobs; self.threads = threads; self.out = out
    }

    /// The seeds this shard runs.
    public var seeds: [UInt64] {
        (0..<runs).filter { $0 % shard.count == shard.index - 1 }.map { base.seed + UInt64($0) }
    }

    public func validate() throws {
        try base.validate()
        guard runs >= 1 else { throw SettingError.valueOutOfRange(.runs, value: "\(runs)", allowed: ">= 1") }
        guard jobs >= 1 else { throw SettingError.valueOutOfRange(.jobs, value: "\(jobs)", allowed: ">= 1") }
        guard checkpointEvery >= 0 else {
            throw SettingError.valueOutOfRange(.checkpointEvery, value: "\(checkpointEvery)", allowed: ">= 0 (0: no checkpoints)")
        }
        guard threads >= 1 else { throw SettingError.valueOutOfRange(.threads, value: "\(threads)", allowed: ">= 1") }
        guard shard.count >= 1, (1...shard.count).contains(shard.index) else {
            throw SettingError.valueOutOfRange(.shard, value: "\(shard.index)/\(shard.count)", allowed: "i/n with 1 <= i <= n")
        }
    }

    /// Runs every seed of the shard; `progress` gets one line per log record (from several threads, one at a time).
    public func run(progress: @escaping @Sendable (String) -> Void) throws {
        try validate()
        let queue = Mutex(seeds[...]), failure = Mutex<(any Error)?>(nil), printing = Mutex(())
        let workers = min(jobs, max(seeds.count, 1))
        let base = self.base, arms = self.arms, out = self.out, total = threads, every = checkpointEvery
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            ComputeThreads.set(max(1, total / workers + (worker < total % workers ? 1 : 0)))
            var runner = GANPairRunner(base: base, arms: arms, out: out) { line in printing.withLock { _ in progress(line) } }
            runner.checkpointEvery = every
            while failure.withLock({ $0 == nil }), let seed = queue.withLock({ $0.popFirst() }) {
                do { try runner.run(seed: seed) } catch { failure.withLock { $0 = $0 ?? error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
