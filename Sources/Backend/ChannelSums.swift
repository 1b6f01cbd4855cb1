/// Column sums of a row-major [rows, channels] float32 buffer: the bias gradient of an NHWC
/// convolution (one row per output pixel). Plain Swift: oneDNN 2.6 computes it inside the
/// backward-weights primitive with a scalar-store loop that cost ~4 ms per seed-CNN step; this
/// takes well under 1 ms. Rows are summed one group (image) at a time, in 8-channel SIMD blocks
/// while the group is in cache, and the group sums are then added: pairwise-like float32 rounding.
enum ChannelSums {
    static func sum(_ x: UnsafePointer<Float>, rows: Int, channels: Int, rowsPerGroup: Int, into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: channels)
        let group = max(1, rowsPerGroup)
        var start = 0
        while start < rows {
            let count = min(group, rows - start)
            let base = x + start * channels
            var c = 0
            while c + 8 <= channels {
                var acc = SIMD8<Float>()
                var p = UnsafeRawPointer(base + c)
                let stride = channels * MemoryLayout<Float>.stride
                for _ in 0..<count {
                    acc += p.loadUnaligned(as: SIMD8<Float>.self)
                    p += stride
                }
                for lane in 0..<8 { out[c + lane] += acc[lane] }
                c += 8
            }
            while c < channels {
                var s: Float = 0
                for r in 0..<count { s += base[r * channels + c] }
                out[c] += s
                c += 1
            }
            start += count
        }
    }
}
