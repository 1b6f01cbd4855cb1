import Foundation
import Lab
import Results
import XCTest

/// Task parsing, start generation, the sample tasks' objectives and gradient descent's rules.
final class LabTaskTests: XCTestCase {
    func testTaskParsing() throws {
        XCTAssertEqual(try LabTask(parsing: "relu-teacher:6,7"), .reluTeacher(n: 6, k: 7))
        XCTAssertEqual(try LabTask(parsing: "sign-teacher:3,4").name, "sign-teacher:3,4")
        XCTAssertEqual(try LabTask(parsing: "yun-3point"), .yunThreePoint)
        XCTAssertEqual(try LabTask(parsing: "xor"), .xor(hidden: 2))
        XCTAssertEqual(try LabTask(parsing: "xor:3"), .xor(hidden: 3))
        for bad in ["relu-teacher", "relu-teacher:6", "relu-teacher:a,b", "relu-teacher:0,6", "xor:0", "yun-3point:2", "mnist"] {
            XCTAssertThrowsError(try LabTask(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("Accepted: relu-teacher:N,K"), "\(error)")
            }
        }
    }

    func testStartsDependOnlyOnSeedTaskAndStart() throws {
        let task = LabTask.reluTeacher(n: 5, k: 5)
        let plain = task.startParameters(arm: .plain, seed: 1, start: 7)
        XCTAssertEqual(plain, task.startParameters(arm: .plain, seed: 1, start: 7))
        XCTAssertNotEqual(plain, task.startParameters(arm: .plain, seed: 1, start: 8))
        XCTAssertNotEqual(plain, task.startParameters(arm: .plain, seed: 2, start: 7))
        XCTAssertNotEqual(plain, LabTask.reluTeacher(n: 5, k: 6).startParameters(arm: .plain, seed: 1, start: 7).prefix(25).map { $0 })
        // The neuron arm starts from the same network, with a = b = 0.
        let neuron = task.startParameters(arm: .neuron, seed: 1, start: 7)
        XCTAssertEqual(Array(neuron.prefix(25)), plain)
        XCTAssertEqual(Array(neuron.suffix(2)), [0, 0])
        // randn/sqrt(d): the sample variance of many starts' weights is near 1/d.
        let values = (0..<400).flatMap { task.startParameters(arm: .plain, seed: 1, start: $0) }
        let variance = values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
        XCTAssertEqual(variance, 0.2, accuracy: 0.01)
    }

    func testSampleObjectivesGradientsMatchFiniteDifferences() throws {
        for (text, arm) in [("sign-teacher:3,3", LabArm.plain), ("sign-teacher:3,3", .neuron), ("yun-3point", .neuron), ("xor:3", .neuron), ("xor", .plain)] {
            let task = try LabTask(parsing: text)
            let objective = task.makeObjective(arm: arm, lambda: 0.2)
            var random = StartRandomness(seed: 11, task: text, start: 0, stream: 0)
            let p = random.normals(objective.parameterCount, scale: 0.6)
            assertGradientMatchesCentralDifferences(objective, at: p, gradient: objective.evaluate(p).gradient, relativeTolerance: 1e-6, "\(text) \(arm) ")
        }
    }

    func testYunMinimumHasRiskOneThirdAndNoGradient() {
        let objective = SampleNetworkObjective(problem: SampleProblems.yunThreePoint, lambda: nil)
        let minimum: [Double] = [1, 0, 1, 0.5, 0, 1, 1, 0.5, -7.0 / 6]
        let value = objective.evaluate(minimum)
        XCTAssertEqual(value.original, 1.0 / 3, accuracy: 1e-15)
        XCTAssertLessThan(value.gradient.map(abs).max()!, 1e-15)
        // Gradient descent from near it stays at risk 1/3.
        var random = StartRandomness(seed: 1, task: "yun-3point", start: 0, stream: 0)
        let start = SampleProblems.yunThreePoint.network.yunStart(&random, start: 0)
        let outcome = gradientDescent(objective, from: start, settings: GradientDescentSettings())
        XCTAssertEqual(outcome.stopped, .converged)
        XCTAssertEqual(outcome.original, 1.0 / 3, accuracy: 1e-6)
    }

    func testGradientDescentConvergesAndRestartsWithHalfTheStep() {
        let objective = ReLUTeacherObjective(n: 3, k: 3, lambda: nil)
        var start = [Double](repeating: 0, count: 9)
        for j in 0..<3 { start[j * 3 + j] = 1.2 }
        let outcome = gradientDescent(objective, from: start, settings: GradientDescentSettings())
        XCTAssertEqual(outcome.stopped, .converged)
        XCTAssertLessThanOrEqual(outcome.gradientNorm, 1e-9)
        XCTAssertEqual(outcome.restarts, 0)
        XCTAssertLessThan(outcome.original, 1e-15)
        // Step 40 is far too large: the gradient norm blows past 1e4 or the objective rises, and
        // each restart halves the step until it works.
        var settings = GradientDescentSettings()
        settings.step = 40
        let restarted = gradientDescent(objective, from: start, settings: settings)
        XCTAssertGreaterThan(restarted.restarts, 0)
        XCTAssertEqual(restarted.step, 40 / Double(1 << restarted.restarts))
        XCTAssertEqual(restarted.stopped, .converged)
        // A budget that runs out.
        settings = GradientDescentSettings()
        settings.maxIterations = 5
        XCTAssertEqual(gradientDescent(objective, from: start, settings: settings).stopped, .maxIterations)
    }
}

/// The classification task's data and success rule.
final class SignTeacherTests: XCTestCase {
    func testTheScaledTeacherSucceedsAndTheZeroNetworkDoesNot() {
        let problem = SampleProblems.signTeacher(n: 4, k: 4)
        XCTAssertEqual(problem.count, 80)
        XCTAssertEqual(problem.y.filter { $0 > 0 }.count, 40)  // split at the median
        let objective = SampleNetworkObjective(problem: problem, lambda: nil)
        // The teacher itself, scaled: w_i = s e_i, gamma = -s * median; margins s |score - median|.
        let scores = (0..<80).map { t in (0..<4).reduce(0.0) { $0 + max(0, problem.x[t * 4 + $1]) } }.sorted()
        let median = (scores[39] + scores[40]) / 2
        let gap = scores.map { abs($0 - median) }.min()!
        let s = 2 / gap
        var teacher = [Double](repeating: 0, count: 17)
        for i in 0..<4 { teacher[i * 4 + i] = s }
        teacher[16] = -s * median
        let value = objective.evaluate(teacher)
        XCTAssertEqual(value.original, 0)
        XCTAssertTrue(objective.succeeded(teacher, originalLoss: value.original))
        let zero = [Double](repeating: 0, count: 17)
        XCTAssertFalse(objective.succeeded(zero, originalLoss: objective.evaluate(zero).original))
        XCTAssertEqual(objective.evaluate(zero).original, 1, accuracy: 1e-14)  // every margin 0: (1 - 0)^3 on average
    }
}
