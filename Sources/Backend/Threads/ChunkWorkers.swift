/// Runs the chunks of a batch on `ComputeThreads.current` threads: the calling thread and the
/// helpers of its `WorkerPool` (oneDNN itself always runs on the thread that calls it). Which
/// thread runs a chunk never changes a result: each chunk writes only its own outputs, and
/// anything summed across chunks is added afterwards in chunk order by the caller.
enum ChunkWorkers {
    /// Calls `body(chunk)` once for every chunk in `0..<count`, spread over the threads.
    static func run(_ count: Int, _ body: (Int) -> Void) {
        let workers = min(count, ComputeThreads.current)
        if workers <= 1 {
            for chunk in 0..<count { body(chunk) }
            return
        }
        WorkerPool.forCurrentThread.run(parts: workers) { worker in
            var chunk = worker
            while chunk < count { body(chunk); chunk += workers }
        }
    }
}
