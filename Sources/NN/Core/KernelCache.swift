/// The backend kernels a layer has built, one per batch size (or element count): oneDNN
/// primitives are shape-specific, so each new size builds its kernel once, on first use.
public struct KernelCache<Kernel> {
    private var kernels: [Int: Kernel] = [:]

    public init() {}

    /// The kernel for `key`, built by `make` the first time.
    public mutating func kernel(for key: Int, make: () throws -> Kernel) rethrows -> Kernel {
        if let k = kernels[key] { return k }
        let k = try make()
        kernels[key] = k
        return k
    }
}
