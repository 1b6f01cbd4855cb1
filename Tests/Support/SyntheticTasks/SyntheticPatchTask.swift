import Tensor

/// A learnable image task shaped like the EEG images: noise U(0, 1) everywhere plus a bright
/// 6x6 patch, top-left for label +1 and bottom-right for label -1. Shared by the Training and Bench tests.
public func syntheticPatchTask(samples: Int, shape: [Int] = [28, 28, 3], seed: UInt64) -> (x: Tensor, y: Tensor) {
    var g = SeededGenerator(seed: seed)
    let (h, w, c) = (shape[0], shape[1], shape[2])
    var x = [Float](repeating: 0, count: samples * h * w * c)
    var y = [Float](repeating: 0, count: samples)
    for n in 0..<samples {
        let positive = g.uniform(0, 1) < 0.5
        y[n] = positive ? 1 : -1
        let top = positive ? 2 : h - 8, left = positive ? 2 : w - 8
        for i in 0..<h {
            for j in 0..<w {
                for k in 0..<c {
                    let inPatch = i >= top && i < top + 6 && j >= left && j < left + 6
                    x[((n * h + i) * w + j) * c + k] = g.uniform(0, 1) + (inPatch ? 1 : 0)
                }
            }
        }
    }
    return (try! Tensor(shape: [samples] + shape, scalars: x), try! Tensor(shape: [samples], scalars: y))
}
