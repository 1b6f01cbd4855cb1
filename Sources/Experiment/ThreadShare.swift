import Backend
import Foundation
import Synchronization
import Training

/// Shares an experiment's compute threads among the job workers still running, so that no core
/// idles: with `total` threads and `w` workers running, each gets total / w and the first
/// total % w of them one more. When a worker runs out of trainings, the ones still running take
/// its threads from their next epoch on. Results do not change: every kernel gives the same bits
/// for any thread count (BackendTests/ThreadInvarianceTests). When the thread probe finds a model
/// whose bits do depend on it (`threadCountsGiveSameBits`), the share is `fixed`: every training
/// keeps total / jobs threads from start to end.
final class ThreadShare: Sendable {
    private let total: Int
    /// Workers still running, in start order.
    private let running: Mutex<[Int]>
    private let fixedCount: Int?

    /// Workers 0..<workers start now; `fixedPerTraining` pins every training's thread count.
    init(total: Int, workers: Int, fixedPerTraining: Int? = nil) {
        self.total = max(1, total)
        running = Mutex(Array(0..<max(1, workers)))
        fixedCount = fixedPerTraining.map { max(1, $0) }
    }

    /// `worker` found no more trainings.
    func workerFinished(_ worker: Int) { running.withLock { $0.removeAll { $0 == worker } } }

    /// Threads `worker`'s training should use now.
    func threads(forWorker worker: Int) -> Int {
        if let fixedCount { return fixedCount }
        return running.withLock { running in
            let count = max(1, running.count)
            let rank = running.firstIndex(of: worker) ?? 0
            return max(1, total / count + (rank < total % count ? 1 : 0))
        }
    }
}

/// Sets the training's thread count from the share before every epoch.
final class ThreadShareCallback: Callback {
    let share: ThreadShare
    let worker: Int
    init(_ share: ThreadShare, worker: Int) { self.share = share; self.worker = worker }
    func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {
        let threads = share.threads(forWorker: worker)
        if threads != ComputeThreads.current { ComputeThreads.set(threads) }
    }
}
