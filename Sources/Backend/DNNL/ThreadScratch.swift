/// Per-thread buffers for data that lives only while one primitive runs: oneDNN scratchpads and
/// results in a primitive's own layout on their way to the caller's buffer. A thread runs one
/// primitive at a time, so one buffer per thread and purpose serves every kernel it runs (all
/// batch chunks, batch sizes and layers), instead of one per chunk and kernel: with Winograd
/// convolutions (7-9 MB of scratchpad per 16-sample chunk) that would keep ~1.2 GB alive in the
/// seed protocol. A buffer grows to the largest request and is freed with its thread. Callers bind
/// the pointer right before each use: growing moves it.
final class ThreadScratch {
    /// What a buffer holds; a primitive's scratchpad and its result copy are in use at the same time.
    enum Slot: Int, CaseIterable {
        case scratchpad
        case output
    }

    private var pointers: [UnsafeMutableRawPointer?] = Array(repeating: nil, count: Slot.allCases.count)
    private var sizes = Array(repeating: 0, count: Slot.allCases.count)

    private static let buffers = ThreadLocal { ThreadScratch() }

    /// The calling thread's buffers, created on first use.
    static var current: ThreadScratch { buffers.value }

    /// At least `bytes` bytes (64-byte aligned) for `slot`; valid until the next request for that slot on this thread.
    func pointer(_ slot: Slot, bytes: Int) -> UnsafeMutableRawPointer {
        let i = slot.rawValue
        if let p = pointers[i], sizes[i] >= bytes { return p }
        pointers[i]?.deallocate()
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 64), alignment: 64)
        pointers[i] = p
        sizes[i] = bytes
        return p
    }

    deinit { for p in pointers { p?.deallocate() } }
}
