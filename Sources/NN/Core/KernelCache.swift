import Backend

/// The backend kernels a layer has built, one per batch size (or element count) and thread
/// count: oneDNN primitives are shape-specific and fix their thread count when created, so each
/// new size, and each new `ComputeThreads` setting, builds its kernel once, on first use.
public struct KernelCache<Kernel> {
    private struct Key: Hashable { let size: Int, threads: Int }
    private var kernels: [Key: Kernel] = [:]

    public init() {}

    /// The kernel for `key` at the calling thread's current `ComputeThreads`, built by `make` the first time.
    public mutating func kernel(for key: Int, make: () throws -> Kernel) rethrows -> Kernel {
        let k = Key(size: key, threads: ComputeThreads.current)
        if let kernel = kernels[k] { return kernel }
        let kernel = try make()
        kernels[k] = kernel
        return kernel
    }
}
