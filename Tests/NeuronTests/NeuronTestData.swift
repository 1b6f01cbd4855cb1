import Tensor

/// Points in [-1, 1]^dim labelled by a random hyperplane, none closer than 0.2 to it
/// (linearly separable with a margin); or the same points with random labels.
func hyperplaneTask(samples: Int, dim: Int, seed: UInt64, randomLabels: Bool = false) -> (x: Tensor, y: Tensor) {
    var g = SeededGenerator(seed: seed)
    let normal = (0..<dim).map { _ in g.uniform(-1, 1) }
    var xs: [Float] = [], ys: [Float] = []
    while ys.count < samples {
        let x = (0..<dim).map { _ in g.uniform(-1, 1) }
        let s = zip(normal, x).reduce(0) { $0 + $1.0 * $1.1 }
        if abs(s) < 0.2 { continue }
        xs += x
        ys.append(randomLabels ? (g.uniform(0, 1) < 0.5 ? -1 : 1) : (s > 0 ? 1 : -1))
    }
    return (try! Tensor(shape: [samples, dim], scalars: xs), try! Tensor(shape: [samples], scalars: ys))
}

/// Inputs uniform in [0, high): large `high` mimics unscaled EEG images.
func uniformInputs(samples: Int, shape: [Int], high: Float, seed: UInt64) -> (x: Tensor, y: Tensor) {
    var g = SeededGenerator(seed: seed)
    let x = (0..<(samples * shape.reduce(1, *))).map { _ in g.uniform(0, high) }
    let y = (0..<samples).map { _ in g.uniform(0, 1) < 0.5 ? Float(-1) : 1 }
    return (try! Tensor(shape: [samples] + shape, scalars: x), try! Tensor(shape: [samples], scalars: y))
}
