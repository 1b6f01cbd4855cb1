/// A heap buffer of floats owned by a layer or model, allocated once and grown only when a
/// larger batch arrives (never per step).
public final class FloatBuffer {
    public private(set) var pointer: UnsafeMutablePointer<Float>
    public private(set) var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: 0, count: self.capacity)
    }

    /// Makes room for at least `count` floats (contents are not preserved when it grows).
    public func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
    }

    deinit { pointer.deallocate() }
}
