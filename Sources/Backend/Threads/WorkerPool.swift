import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Helper threads that run parts of one parallel region for the thread that owns them. Each
/// thread that runs kernels on several threads gets its own pool (an experiment's concurrent
/// trainings never share helpers). Between regions a helper spins briefly, as OpenMP's threads
/// do, so the regions of one training step (a few ms apart) start without a wake-up; after
/// that it sleeps. Hand-written rather than Dispatch.concurrentPerform: on a 2-core Zen 4 EPYC,
/// concurrentPerform's wake-ups make a 2-thread seed-CNN step ~13% slower than oneDNN's OpenMP.
/// OS threads, not Swift tasks: kernels block their thread for milliseconds, and oneDNN keeps
/// per-OS-thread state (its OpenMP thread count, a stream per thread). `@unchecked Sendable`: a
/// pool is used by its owning thread only; owner and helpers hand over work through atomics.
final class WorkerPool: @unchecked Sendable {
    /// One helper thread and its handshake with the owner.
    private final class Helper: @unchecked Sendable {
        static let idle = 0, sleeping = 1, assigned = 2, done = 3, stopping = 4
        let state = Atomic<Int>(Helper.idle)
        let wake = DispatchSemaphore(value: 0)
        /// The owner's job while `state` is `assigned`: a pointer to a `(Int) -> Void` on its stack.
        var job: UnsafeRawPointer?
        var part = 0

        func loop(spins: Int) {
            while true {
                var waited = 0
                while true {
                    let s = state.load(ordering: .acquiring)
                    if s == Helper.assigned { break }
                    if s == Helper.stopping { return }
                    if waited < spins { waited += 1; continue }
                    if state.compareExchange(expected: Helper.idle, desired: Helper.sleeping, ordering: .acquiringAndReleasing).exchanged {
                        wake.wait()
                        waited = 0
                    }
                }
                job!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(part)
                state.store(Helper.done, ordering: .releasing)
            }
        }

        /// Hands `job` (part `part`) to the helper, waking it if it sleeps.
        func assign(_ job: UnsafeRawPointer, part: Int) {
            self.job = job
            self.part = part
            if state.exchange(Helper.assigned, ordering: .acquiringAndReleasing) == Helper.sleeping { wake.signal() }
        }

        /// Waits for the assigned part to finish.
        func join() {
            var waited = 0
            while state.load(ordering: .acquiring) != Helper.done {
                waited += 1
                if waited > 1 << 16 { sched_yield() }
            }
            state.store(Helper.idle, ordering: .releasing)
        }

        func stop() {
            if state.exchange(Helper.stopping, ordering: .acquiringAndReleasing) == Helper.sleeping { wake.signal() }
        }
    }

    /// Iterations a helper spins before it sleeps (a few hundred microseconds).
    private static let spins = 1 << 18
    private var helpers: [Helper] = []

    /// Runs `body(part)` for part in 0..<parts: part 0 on the calling thread, the others on helpers.
    /// Returns when every part has finished.
    func run(parts: Int, _ body: (Int) -> Void) {
        guard parts > 1 else { if parts == 1 { body(0) }; return }
        while helpers.count < parts - 1 {
            let helper = Helper()
            helpers.append(helper)
            WorkerPool.startThread(helper)
        }
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: body) { job in
                for p in 1..<parts { helpers[p - 1].assign(UnsafeRawPointer(job), part: p) }
                body(0)
                for p in 1..<parts { helpers[p - 1].join() }
            }
        }
    }

    deinit { for helper in helpers { helper.stop() } }

    /// A detached OS thread running the helper's loop.
    private static func startThread(_ helper: Helper) {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(helper).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                let helper = Unmanaged<Helper>.fromOpaque(context!).takeRetainedValue()
                helper.loop(spins: WorkerPool.spins)
                return nil
            }, context)
        precondition(status == 0, "cannot start a compute thread (pthread_create: \(status))")
        pthread_detach(thread)
    }

    // MARK: one pool per thread

    /// One pool per thread; when the thread ends, its pool is released and its helpers stop.
    private static let pools = ThreadLocal { WorkerPool() }

    /// The calling thread's pool, created on first use.
    static var forCurrentThread: WorkerPool { pools.value }
}
