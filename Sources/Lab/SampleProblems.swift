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
    static func xor(hidden: Int) -> SampleProblem {
        SampleProblem(
            network: SampleNetwork(inputs: 2, hidden: hidden, hiddenBias: true, outputWeights: true, outputBias: true),
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
        return SampleProblem(
            network: SampleNetwork(inputs: n, hidden: k, hiddenBias: false, outputWeights: false, outputBias: true),
            x: x, y: y, loss: .polynomialHinge(power: 3), marginSuccess: true)
    }

    /// The multi-class task `circle-xor:K,H`: 2K points p_j = (cos(pi j/K), sin(pi j/K)), j = 0 ..< 2K,
    /// on the unit circle, point j in class j mod K (so the two points of a class are antipodal:
    /// no affine function separates them, and K = 2 is XOR, rotated), one-hot targets; a 2-H-K ReLU
    /// network with biases and trainable output weights, risk 1/2 sum_t sum_k (f_k(x_t) - y_tk)^2.
    public static func circleXor(classes: Int, hidden: Int) -> MultiOutputProblem {
        precondition(classes >= 2 && hidden >= 1)
        var x: [Double] = [], y: [Double] = []
        for j in 0..<(2 * classes) {
            let angle = Double.pi * Double(j) / Double(classes)
            x += [cos(angle), sin(angle)]
            y += (0..<classes).map { $0 == j % classes ? 1 : 0 }
        }
        return MultiOutputProblem(network: MultiOutputNetwork(inputs: 2, hidden: hidden, outputs: classes), x: x, y: y)
    }

    /// The smallest hidden width for which `circleXorZeroRisk` constructs a zero-risk network:
    /// 2 for K = 2 (f_0 = relu(x_1) + relu(-x_1), f_1 = 1 - f_0), else 2K (one unit per point).
    static func circleXorSmallestWidth(classes: Int) -> Int { classes == 2 ? 2 : 2 * classes }

    /// Parameters of `circleXor(classes:hidden:)` with risk 0 (up to rounding), the task's global
    /// minimum. For H >= 2K: unit j (j < 2K) is relu(s (p_j.x - c)) with c = (1 + cos(pi/K))/2
    /// halfway between p_j.p_j = 1 and the largest p_j.p_l = cos(pi/K) of another point, s = 1/(1 - c),
    /// so it is 1 at p_j and 0 at every other point; output k adds the units of its two points,
    /// gamma = 0. For K = 2 and H < 4: f_0 = relu(x_1) + relu(-x_1), f_1 = 1 - f_0. Units beyond
    /// those used are all zero (inactive, z = 0).
    public static func circleXorZeroRisk(classes: Int, hidden: Int) -> [Double] {
        precondition(hidden >= circleXorSmallestWidth(classes: classes))
        let network = circleXor(classes: classes, hidden: hidden).network
        let width = network.unitWidth
        var p = [Double](repeating: 0, count: network.parameterCount)
        if hidden < 2 * classes {
            // K = 2, H = 2 or 3.
            p[0 * width..<1 * width] = [1, 0, 0, 1, -1]
            p[1 * width..<2 * width] = [-1, 0, 0, 1, -1]
            p[hidden * width + 1] = 1
            return p
        }
        let c = (1 + cos(Double.pi / Double(classes))) / 2, s = 1 / (1 - c)
        for j in 0..<(2 * classes) {
            let angle = Double.pi * Double(j) / Double(classes)
            p[j * width] = s * cos(angle)
            p[j * width + 1] = s * sin(angle)
            p[j * width + 2] = -s * c
            p[j * width + 3 + j % classes] = 1
        }
        return p
    }
}
