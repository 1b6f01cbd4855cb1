/// The backward pass of a ReLU applied to a gradient in place: gradient x (output > 0 ? 1 : 0), the
/// values oneDNN's ReLU backward gives (a masked value is the gradient times 0, so its zero keeps the
/// gradient's sign, and a NaN stays NaN). Run by a convolution's backward data on each chunk of its
/// input gradient right after writing it (in cache), instead of a separate pass over the whole buffer.
enum ReLUMask {
    /// Multiplies `gradient[0..<count]` by the ReLU derivative read from `reluOutput[0..<count]`.
    static func apply(_ gradient: UnsafeMutablePointer<Float>, reluOutput: UnsafePointer<Float>, count: Int) {
        // Arithmetic, not a branch, so the loop vectorises.
        for i in 0..<count { gradient[i] = gradient[i] * (reluOutput[i] > 0 ? 1 : 0) }
    }
}
