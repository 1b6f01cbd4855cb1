import Foundation

/// Runs `work(0) ..< work(count - 1)` on `threads` threads, each index once, and hands the results
/// to `consume` on the calling thread strictly in index order as soon as each is ready. Indices
/// are taken in increasing order, so a result never waits long for its predecessors. A throw from
/// `consume` stops handing out new work and is rethrown once the workers finish.
func orderedParallelMap<T: Sendable>(
    count: Int, threads: Int, work: @escaping @Sendable (Int) -> T,
    consume: (Int, T) throws -> Void
) throws {
    guard count > 0 else { return }
    let state = OrderedResults<T>(count: count)
    let workers = max(1, min(threads, count))
    let group = DispatchGroup()
    for _ in 0..<workers {
        group.enter()
        Thread.detachNewThread {
            while let index = state.take() { state.put(index, work(index)) }
            group.leave()
        }
    }
    var failure: Error?
    for index in 0..<count {
        let value = state.wait(for: index)
        do {
            try consume(index, value)
        } catch {
            failure = error
            state.stop()
            break
        }
    }
    group.wait()
    if let failure { throw failure }
}

/// The shared state of `orderedParallelMap`: the next index to hand out and the finished results.
private final class OrderedResults<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var stopped = false
    private var results: [Int: T] = [:]
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ index: Int, _ value: T) {
        condition.lock()
        results[index] = value
        condition.broadcast()
        condition.unlock()
    }

    func wait(for index: Int) -> T {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index)!
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }
}
