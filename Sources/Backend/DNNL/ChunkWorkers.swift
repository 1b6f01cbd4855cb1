import Dispatch

/// Runs the chunks of a batch on `ComputeThreads.current` worker threads (oneDNN itself always
/// runs on the thread that calls it). Which worker runs a chunk never
/// changes a result: each chunk writes only its own outputs, and anything summed across chunks is
/// added afterwards in chunk order by the caller.
enum ChunkWorkers {
    /// Calls `body(chunk)` once for every chunk in `0..<count`, spread over the worker threads.
    static func run(_ count: Int, _ body: (Int) -> Void) {
        let workers = min(count, ComputeThreads.current)
        if workers <= 1 {
            for chunk in 0..<count { body(chunk) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < count { body(chunk); chunk += workers }
        }
    }
}
