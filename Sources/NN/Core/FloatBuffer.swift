/// A heap buffer owned by a layer or model, allocated once and grown only when a larger batch
/// arrives (never per step). 64-byte aligned (a cache line, and what oneDNN's own allocations use):
/// vector kernels run measurably slower on misaligned buffers. Zeroed when (re)allocated.
public final class LayerBuffer<Element: ExpressibleByIntegerLiteral> {
    public private(set) var pointer: UnsafeMutablePointer<Element>
    public private(set) var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = LayerBuffer.allocateAligned(self.capacity)
    }

    /// Makes room for at least `count` elements (contents are not preserved when it grows).
    public func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = LayerBuffer.allocateAligned(count)
    }

    /// `count` zeroed elements at a 64-byte boundary (release with `deallocate()`).
    static func allocateAligned(_ count: Int) -> UnsafeMutablePointer<Element> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Element>.stride, alignment: 64)
        return raw.initializeMemory(as: Element.self, repeating: 0, count: count)
    }

    deinit { pointer.deallocate() }
}

/// The activations and gradients of layers and models.
public typealias FloatBuffer = LayerBuffer<Float>
/// Per-unit indices a layer keeps between its passes (e.g. each maxout unit's winning piece).
public typealias IndexBuffer = LayerBuffer<Int32>
