import CVectorLoops

/// Column sums of a row-major [rows, channels] float32 buffer: the bias gradient of an NHWC
/// convolution (one row per output pixel, one group of rows per image). Not oneDNN's: oneDNN 2.6
/// computes it inside the backward-weights primitive with a scalar-store loop that costs ~4 ms per
/// seed-CNN step (one thread of an AVX2-only AMD EPYC); this takes well under 1 ms. Each group is
/// summed in one pass while it is in cache (`groupSums`, a C loop in CVectorLoops, any groups on any thread),
/// and the group sums are then added in group order (`addGroups`): the same bits whichever thread
/// summed which group.
enum ChannelSums {
    /// Writes the column sums of each group in `groups` to `sums[g * channels ..< (g + 1) * channels]`.
    /// With `bf16Copy`, the same pass writes those groups' values as bfloat16 there (starting with the first
    /// group's first row; rounded as oneDNN's float32-to-bfloat16 reorder rounds on AVX512_BF16 CPUs).
    /// With `maskedByReLUOutput`, of the values times the derivative of the ReLU whose output it holds (`ReLUMask`'s
    /// values; `x` is not changed).
    static func groupSums(
        _ x: UnsafePointer<Float>, rows: Int, channels: Int, rowsPerGroup group: Int, groups: Range<Int>,
        into sums: UnsafeMutablePointer<Float>, bf16Copy: UnsafeMutableRawPointer? = nil, maskedByReLUOutput mask: UnsafePointer<Float>? = nil
    ) {
        one_neuron_channel_group_sums(
            x, mask, rows, channels, group, groups.lowerBound, groups.upperBound, sums,
            bf16Copy?.assumingMemoryBound(to: UInt16.self))
    }

    /// out = the sum of the `groups` group sums, added in group order.
    static func addGroups(_ sums: UnsafePointer<Float>, groups: Int, channels: Int, into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: channels)
        for g in 0..<groups {
            let s = sums + g * channels
            for c in 0..<channels { out[c] += s[c] }
        }
    }
}
