import Foundation

/// The data of the sample-based tasks.
public enum SampleProblems {
    /// Yun, Sra & Jadbabaie (ICLR 2019, Thm 2): X = [[1, 0, 1/2], [0, 1, 1/2]] (columns are the
    /// points), Y = [0, 0, 1]; a 2-2-1 ReLU network with both biases and trainable output weights,
    /// risk 1/2 sum (f(x) - y)^2. The points are collinear, so every affine fit has risk >= 1/3.
    public static let yunThreePoint = SampleProblem(
        network: SampleNetwork(inputs: 2, hidden: 2, hiddenBias: true, outputWeights: true, outputBias: true),
        x: [1, 0, 0, 1, 0.5, 0.5], y: [0, 0, 1], loss: .halfSquaredSum, marginSuccess: false)

    /// XOR on {0, 1}^2 with a 2-h-1 ReLU network (biases, trainable output weights), risk 1/2 sum (f - y)^2.
    public static func xor(hidden: Int) -> SampleProblem {
        SampleProblem(network: SampleNetwork(inputs: 2, hidden: hidden, hiddenBias: true, outputWeights: true, outputBias: true),
                      x: [0, 0, 0, 1, 1, 0, 1, 1], y: [0, 1, 1, 0], loss: .halfSquaredSum, marginSuccess: false)
    }

    /// The classification version of `relu-teacher:n,k`: m = 20 n points x ~ N(0, I_n), drawn from
    /// a fixed stream (seed 2018, the same for every start and seed), labelled
    /// sign(sum_j relu(x_j) - median over the sample) (ties to +1); the student is
    /// sum_i relu(w_i.x) + gamma, loss 1/m sum max(0, 1 - y f(x))^3 (polynomial hinge, p = 3).
    public static func signTeacher(n: Int, k: Int) -> SampleProblem {
        let m = 20 * n
        var random = StartRandomness(seed: 2018, task: "sign-teacher-sample:\(n)", start: 0, stream: 0)
        let x = random.normals(m * n)
        let scores = (0..<m).map { t in (0..<n).reduce(0.0) { $0 + max(0, x[t * n + $1]) } }
        let sorted = scores.sorted()
        let median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2
        let y = scores.map { $0 >= median ? 1.0 : -1.0 }
        return SampleProblem(network: SampleNetwork(inputs: n, hidden: k, hiddenBias: false, outputWeights: false, outputBias: true),
                             x: x, y: y, loss: .polynomialHinge(power: 3), marginSuccess: true)
    }
}
