import Backend
import Foundation
import Training

/// Shares an experiment's compute threads among the job workers still running: each gets
/// total / workers, rounded down to 1, 2 or 4 — the thread counts for which every oneDNN kernel
/// gives the same bits (BackendTests/ThreadInvarianceTests). So when a worker runs out of
/// trainings, the ones still running speed up from their next epoch on, and no result changes.
/// When the model's bits do depend on the thread count (`threadCountsGiveSameBits`), the share is
/// `fixed`: every training keeps total / jobs threads from start to end.
final class ThreadShare: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var workers: Int
    private let fixedCount: Int?

    /// `workers` job workers start now; `fixedPerTraining` pins every training's thread count.
    init(total: Int, workers: Int, fixedPerTraining: Int? = nil) {
        self.total = max(1, total)
        self.workers = workers
        fixedCount = fixedPerTraining.map { max(1, $0) }
    }

    /// A worker found no more trainings.
    func workerFinished() { lock.lock(); workers -= 1; lock.unlock() }

    /// Threads a training should use now.
    var threadsPerTraining: Int {
        if let fixedCount { return fixedCount }
        lock.lock(); defer { lock.unlock() }
        return ThreadShare.invariantCount(total / max(1, workers))
    }

    /// The largest of 1, 2, 4 not above `count`.
    static func invariantCount(_ count: Int) -> Int { count >= 4 ? 4 : count >= 2 ? 2 : 1 }
}

/// Sets the training's thread count from the share before every epoch.
final class ThreadShareCallback: Callback {
    let share: ThreadShare
    init(_ share: ThreadShare) { self.share = share }
    func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {
        let threads = share.threadsPerTraining
        if threads != ComputeThreads.current { ComputeThreads.set(threads) }
    }
}
