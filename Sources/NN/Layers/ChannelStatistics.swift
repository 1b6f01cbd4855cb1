/// Per-channel float64 values of a batch normalisation: the mean and 1 / sqrt(variance + epsilon) its
/// last forward pass normalised with, and its backward pass's sums of dy and dy * xhat.
///
/// Constant pointers in a final class rather than `[Double]` properties of the layer: the layer's loops
/// read them once per element, and every access to an array stored in a class paid a dynamic exclusivity
/// check (`swift_beginAccess`, ~1/3 of a GAN step's time in `perf` on an EPYC Zen 4 before, 2026-12).
final class ChannelStatistics {
    let channels: Int
    let mean: UnsafeMutablePointer<Double>, inverseStd: UnsafeMutablePointer<Double>
    let sumGrad: UnsafeMutablePointer<Double>, sumGradXhat: UnsafeMutablePointer<Double>

    /// Zeroed values for `channels` channels.
    init(channels: Int) {
        self.channels = channels
        let all = UnsafeMutablePointer<Double>.allocate(capacity: max(4 * channels, 1))
        all.initialize(repeating: 0, count: max(4 * channels, 1))
        mean = all
        inverseStd = all + channels
        sumGrad = all + 2 * channels
        sumGradXhat = all + 3 * channels
    }

    deinit { mean.deallocate() }
}
