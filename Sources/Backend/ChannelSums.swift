/// Column sums of a row-major [rows, channels] float32 buffer: the bias gradient of an NHWC
/// convolution (one row per output pixel, one group of rows per image). Plain Swift: oneDNN 2.6
/// computes it inside the backward-weights primitive with a scalar-store loop that costs ~4 ms per
/// seed-CNN step (one thread of an AVX2-only AMD EPYC); this takes well under 1 ms. Each group is
/// summed in 8-channel SIMD blocks while it is in cache (`groupSums`, any groups on any thread),
/// and the group sums are then added in group order (`addGroups`): the same bits whichever thread
/// summed which group.
enum ChannelSums {
    /// Writes the column sums of each group in `groups` to `sums[g * channels ..< (g + 1) * channels]`.
    static func groupSums(
        _ x: UnsafePointer<Float>, rows: Int, channels: Int, rowsPerGroup group: Int, groups: Range<Int>,
        into sums: UnsafeMutablePointer<Float>
    ) {
        let stride = channels * MemoryLayout<Float>.stride
        for g in groups {
            let start = g * group, count = min(group, rows - start)
            let base = x + start * channels, out = sums + g * channels
            var c = 0
            while c + 8 <= channels {
                var acc = SIMD8<Float>()
                var p = UnsafeRawPointer(base + c)
                for _ in 0..<count {
                    acc += p.loadUnaligned(as: SIMD8<Float>.self)
                    p += stride
                }
                for lane in 0..<8 { out[c + lane] = acc[lane] }
                c += 8
            }
            while c < channels {
                var s: Float = 0
                for r in 0..<count { s += base[r * channels + c] }
                out[c] = s
                c += 1
            }
        }
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
