/// A fixed split of a batch into contiguous chunks of samples, chosen by OneNeuron and never by
/// the thread count: the sums over the batch (a convolution's weight gradient) are computed per
/// chunk on one thread and added in chunk order, so a result has the same bits for 1, 2, 3, 4 or
/// any number of threads. oneDNN 2.6 has no deterministic mode: its own thread split of a
/// backward-weights reduction depends on the thread count and the ISA (on AVX-512 it splits the
/// minibatch over threads and adds per-thread partial buffers).
public struct BatchChunks: Hashable, Sendable {
    /// Chunks per batch (fewer when the batch is smaller). 8 keeps up to 8 threads busy on one
    /// training and each chunk (16 samples of a 128 batch) large enough for oneDNN's JIT kernels.
    public static let maximumCount = 8

    public let batch: Int
    /// First sample of each chunk, then `batch`: chunk i is samples starts[i] ..< starts[i + 1].
    public let starts: [Int]

    /// Balanced split: the first `batch % count` chunks hold one sample more than the others.
    public init(batch: Int, maximumCount: Int = BatchChunks.maximumCount) {
        precondition(batch > 0 && maximumCount > 0, "a batch split needs a positive batch and chunk count")
        self.batch = batch
        let count = min(batch, maximumCount)
        let base = batch / count, extra = batch % count
        var starts = [0]
        for i in 0..<count { starts.append(starts[i] + base + (i < extra ? 1 : 0)) }
        self.starts = starts
    }

    public var count: Int { starts.count - 1 }
    /// Samples in chunk `i`.
    public func size(_ i: Int) -> Int { starts[i + 1] - starts[i] }
    /// The distinct chunk sizes (one or two), largest first.
    public var sizes: [Int] { Array(Set((0..<count).map(size))).sorted(by: >) }
}
