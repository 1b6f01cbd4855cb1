/// A heap buffer of floats owned by a layer or model, allocated once and grown only when a
/// larger batch arrives (never per step). 64-byte aligned (a cache line, and what oneDNN's
/// own allocations use): vector kernels run measurably slower on misaligned buffers.
public final class FloatBuffer {
    public private(set) var pointer: UnsafeMutablePointer<Float>
    public private(set) var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = FloatBuffer.allocateAligned(self.capacity)
    }

    /// Makes room for at least `count` floats (contents are not preserved when it grows).
    public func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = FloatBuffer.allocateAligned(count)
    }

    /// `count` zeroed floats at a 64-byte boundary (release with `deallocate()`).
    static func allocateAligned(_ count: Int) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        return raw.initializeMemory(as: Float.self, repeating: 0, count: count)
    }

    deinit { pointer.deallocate() }
}
