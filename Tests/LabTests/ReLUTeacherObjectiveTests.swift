import Foundation
import Lab
import XCTest

/// The closed-form population loss and gradient of `relu-teacher`, with and without the neuron,
/// against Monte Carlo (10^6 Gaussian samples) and central finite differences.
final class ReLUTeacherObjectiveTests: XCTestCase {
    private let n = 3, k = 3

    private func parameters(neuron: Bool, seed: UInt64 = 7) -> [Double] {
        var random = StartRandomness(seed: seed, task: "test", start: 0, stream: 0)
        var p = random.normals(n * k, scale: 0.8)
        if neuron { p += random.normals(n, scale: 0.3) + [-0.2, 0.4] }
        return p
    }

    /// Monte Carlo estimates of the objective, the original loss and the gradient, each with its standard error.
    private func monteCarlo(_ p: [Double], lambda: Double?, samples: Int = 1_000_000)
        -> (objective: (Double, Double), original: (Double, Double), gradient: [(Double, Double)])
    {
        var random = StartRandomness(seed: 99, task: "monte-carlo", start: 0, stream: 0)
        let count = p.count
        var sums = [Double](repeating: 0, count: count + 2), squares = [Double](repeating: 0, count: count + 2)
        var x = [Double](repeating: 0, count: n), term = [Double](repeating: 0, count: count + 2)
        for _ in 0..<samples {
            for e in 0..<n { x[e] = random.normal() }
            var f = 0.0
            for i in 0..<k {
                var z = 0.0
                for e in 0..<n { z += p[i * n + e] * x[e] }
                f += max(z, 0)
            }
            let teacher = x.reduce(0) { $0 + max($1, 0) }
            var total = f, neuron = 0.0
            if lambda != nil {
                var z = p[k * n + n]
                for e in 0..<n { z += p[k * n + e] * x[e] }
                neuron = exp(z)
                total += p[k * n + n + 1] * neuron
            }
            let r = total - teacher
            term[count] = 0.5 * r * r
            term[count + 1] = 0.5 * (f - teacher) * (f - teacher)
            for i in 0..<k {
                var z = 0.0
                for e in 0..<n { z += p[i * n + e] * x[e] }
                for e in 0..<n { term[i * n + e] = z > 0 ? r * x[e] : 0 }
            }
            if let lambda {
                let a = p[k * n + n + 1]
                for e in 0..<n { term[k * n + e] = r * a * neuron * x[e] }
                term[k * n + n] = r * a * neuron
                term[k * n + n + 1] = r * neuron + 2 * lambda * a
                term[count] += lambda * a * a
            }
            for j in 0..<(count + 2) {
                sums[j] += term[j]
                squares[j] += term[j] * term[j]
            }
        }
        let m = Double(samples)
        let estimates = (0..<(count + 2)).map { j -> (Double, Double) in
            let mean = sums[j] / m
            return (mean, ((squares[j] / m - mean * mean) / m).squareRoot())
        }
        return (estimates[count], estimates[count + 1], Array(estimates[0..<count]))
    }

    private func checkAgainstMonteCarlo(lambda: Double?) {
        let p = parameters(neuron: lambda != nil)
        let objective = ReLUTeacherObjective(n: n, k: k, lambda: lambda)
        let exact = objective.evaluate(p)
        let estimate = monteCarlo(p, lambda: lambda)
        // Five standard errors: a correct formula fails this about once in 3.5 million checks.
        XCTAssertEqual(exact.objective, estimate.objective.0, accuracy: 5 * estimate.objective.1 + 1e-12)
        XCTAssertEqual(exact.original, estimate.original.0, accuracy: 5 * estimate.original.1 + 1e-12)
        for (j, (mean, error)) in estimate.gradient.enumerated() {
            XCTAssertEqual(exact.gradient[j], mean, accuracy: 5 * error + 1e-12, "gradient component \(j)")
        }
        // The checks have teeth: the standard errors are small against the values.
        XCTAssertLessThan(estimate.objective.1, 0.01 * abs(exact.objective))
    }

    func testPlainLossAndGradientMatchMonteCarlo() { checkAgainstMonteCarlo(lambda: nil) }

    func testNeuronLossAndGradientMatchMonteCarlo() { checkAgainstMonteCarlo(lambda: 0.3) }

    private func checkFiniteDifferences(lambda: Double?) {
        let objective = ReLUTeacherObjective(n: 4, k: 5, lambda: lambda)
        var random = StartRandomness(seed: 3, task: "fd", start: 0, stream: 0)
        let p = random.normals(objective.parameterCount, scale: 0.5)
        assertGradientMatchesCentralDifferences(objective, at: p, gradient: objective.evaluate(p).gradient, relativeTolerance: 1e-7, "")
    }

    func testPlainGradientMatchesFiniteDifferences() { checkFiniteDifferences(lambda: nil) }

    func testNeuronGradientMatchesFiniteDifferences() { checkFiniteDifferences(lambda: 0.1) }

    func testGeneralTeacherMatchesIdentityPathAndFiniteDifferences() {
        // A teacher given as a matrix that is not I takes the general path: it must agree with the
        // identity path on V = I (given as a non-identity-shaped input: rows permuted), and with
        // central differences on a random V.
        var random = StartRandomness(seed: 21, task: "general", start: 0, stream: 0)
        for lambda in [nil, 0.2] as [Double?] {
            let identity = ReLUTeacherObjective(n: 3, k: 4, lambda: lambda)
            let permuted = ReLUTeacherObjective(dimension: 3, studentUnits: 4, teacher: [0, 1, 0, 1, 0, 0, 0, 0, 1], lambda: lambda)
            let p = random.normals(identity.parameterCount, scale: 0.6)
            let a = identity.evaluate(p), b = permuted.evaluate(p)
            XCTAssertEqual(a.objective, b.objective, accuracy: 1e-13)
            for j in p.indices { XCTAssertEqual(a.gradient[j], b.gradient[j], accuracy: 1e-13) }
            let general = ReLUTeacherObjective(dimension: 3, studentUnits: 2, teacher: random.normals(6), lambda: lambda)
            let q = random.normals(general.parameterCount, scale: 0.6)
            let exact = general.evaluate(q).gradient
            for j in q.indices {
                var plus = q, minus = q
                plus[j] += 1e-6
                minus[j] -= 1e-6
                let numeric = (general.evaluate(plus).objective - general.evaluate(minus).objective) / 2e-6
                XCTAssertEqual(exact[j], numeric, accuracy: 1e-7 * max(1, abs(numeric)))
            }
        }
    }

    func testNeuronIdentityHoldsEverywhere() {
        let objective = ReLUTeacherObjective(n: 4, k: 4, lambda: 0.25)
        for seed in 0..<5 as Range<UInt64> {
            var random = StartRandomness(seed: seed, task: "identity", start: 0, stream: 0)
            let p = random.normals(objective.parameterCount, scale: 0.7)
            let g = objective.evaluate(p).gradient
            let layout = objective.neuronLayout!
            let a = p[layout.scale]
            XCTAssertEqual(a * g[layout.scale] - g[layout.bias], 2 * 0.25 * a * a, accuracy: 1e-12)
        }
    }

    func testTeacherIsAGlobalMinimumAndTheNeuronVanishesThere() {
        for lambda in [nil, 0.1] as [Double?] {
            let objective = ReLUTeacherObjective(n: 5, k: 5, lambda: lambda)
            var p = [Double](repeating: 0, count: objective.parameterCount)
            for j in 0..<5 { p[j * 5 + j] = 1 }
            if lambda != nil { p[25] = 0.3 }  // neuron w != 0, b = 0, a = 0
            let value = objective.evaluate(p)
            XCTAssertEqual(value.original, 0, accuracy: 1e-14)
            XCTAssertEqual(value.objective, 0, accuracy: 1e-14)
            XCTAssertLessThan(value.gradient.map(abs).max()!, 1e-14)
        }
    }

    func testKernelAndTiltAgainstSmallMonteCarlo() {
        // Orthogonal, parallel and opposite pairs in closed form.
        XCTAssertEqual(GaussianMoments.reluKernel([1, 0], [0, 1]), 1 / (2 * Double.pi), accuracy: 1e-15)
        XCTAssertEqual(GaussianMoments.reluKernel([2, 0], [3, 0]), 3, accuracy: 1e-14)
        XCTAssertEqual(GaussianMoments.reluKernel([1, 0], [-1, 0]), 0, accuracy: 1e-15)
        // E[e^{u.x} relu(w.x)] against 10^6 samples.
        let u = [0.3, -0.2], w = [0.7, 0.5]
        var random = StartRandomness(seed: 5, task: "tilt", start: 0, stream: 0)
        var sum = 0.0, square = 0.0
        let m = 1_000_000
        for _ in 0..<m {
            let x = [random.normal(), random.normal()]
            let value = exp(u[0] * x[0] + u[1] * x[1]) * max(0, w[0] * x[0] + w[1] * x[1])
            sum += value
            square += value * value
        }
        let mean = sum / Double(m), error = ((square / Double(m) - mean * mean) / Double(m)).squareRoot()
        XCTAssertEqual(GaussianMoments.tiltedReLU(u: u, w: w), mean, accuracy: 5 * error)
    }
}
