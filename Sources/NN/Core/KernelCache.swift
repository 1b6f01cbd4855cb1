import Backend

/// The backend kernels a layer has built, one per batch size (or element count): oneDNN
/// primitives are shape-specific, so each new size builds its kernel once, on first use. Kernels
/// do not depend on the thread count (`ComputeThreads` only decides how many workers run a
/// kernel's fixed batch chunks), so one kernel serves every thread count.
public struct KernelCache<Kernel> {
    private var kernels: [Int: Kernel] = [:]

    public init() {}

    /// The kernel for `key`, built by `make` the first time.
    public mutating func kernel(for key: Int, make: () throws -> Kernel) rethrows -> Kernel {
        if let kernel = kernels[key] { return kernel }
        let kernel = try make()
        kernels[key] = kernel
        return kernel
    }
}
