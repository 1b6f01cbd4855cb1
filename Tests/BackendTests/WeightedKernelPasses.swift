import Backend

/// Runs a weighted kernel's three passes on the given inputs (outputs pre-filled with 9 so an
/// unwritten value shows) and returns [output, gradInput, gradWeights, gradBias].
func allPasses(
    of kernel: any WeightedKernel, input x: [Float], weights w: [Float], bias b: [Float],
    gradOutput dy: [Float]
) -> [[Float]] {
    var y = [Float](repeating: 0, count: dy.count), dx = [Float](repeating: 9, count: x.count)
    var dw = [Float](repeating: 9, count: w.count), db = [Float](repeating: 9, count: b.count)
    kernel.forward(input: x, weights: w, bias: b, output: &y)
    kernel.backwardData(gradOutput: dy, weights: w, gradInput: &dx)
    kernel.backwardWeights(input: x, gradOutput: dy, gradWeights: &dw, gradBias: &db)
    return [y, dx, dw, db]
}

/// Names of `allPasses`' results, for messages.
let weightedPassNames = ["forward", "backward data", "backward weights", "backward bias"]
