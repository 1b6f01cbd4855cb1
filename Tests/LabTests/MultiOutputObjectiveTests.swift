import Foundation
import Lab
import Results
import XCTest

/// The multi-class task `circle-xor`: its data, its known global minimum, the objective's gradient
/// with and without one neuron per output, the per-neuron identity, and reproducible runs.
final class MultiOutputObjectiveTests: XCTestCase {
    func testParsing() throws {
        XCTAssertEqual(try LabTask(parsing: "circle-xor:3"), .circleXor(classes: 3, hidden: 6))
        XCTAssertEqual(try LabTask(parsing: "circle-xor:3,8"), .circleXor(classes: 3, hidden: 8))
        XCTAssertEqual(try LabTask(parsing: "circle-xor:2,2").name, "circle-xor:2,2")
        XCTAssertEqual(try LabTask(parsing: "circle-xor:4").name, "circle-xor:4,8")
        XCTAssertEqual(try LabTask(parsing: "circle-xor:4").outputs, 4)
        XCTAssertEqual(LabTask.xor(hidden: 2).outputs, 1)
        // Below the width with a known zero-risk network, and other malformed values, are refused.
        for bad in ["circle-xor", "circle-xor:1", "circle-xor:3,5", "circle-xor:2,1", "circle-xor:17", "circle-xor:3,x", "circle-xor:3,6,1", "circle-xor:3,65"]
        {
            XCTAssertThrowsError(try LabTask(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("Accepted: relu-teacher:N,K"), "\(error)")
            }
        }
        XCTAssertThrowsError(try LabTask(parsing: "circle-xor:3,5")) { error in
            XCTAssertTrue("\(error)".contains("between 6 and 64"), "\(error)")
        }
    }

    func testData() {
        let problem = SampleProblems.circleXor(classes: 3, hidden: 6)
        XCTAssertEqual(problem.count, 6)
        XCTAssertEqual(problem.network.parameterCount, 6 * (2 + 1 + 3) + 3)
        for t in 0..<6 {
            // On the unit circle, antipodal to the other point of its class, one-hot target j mod K.
            let x = Array(problem.x[2 * t..<2 * t + 2]), other = Array(problem.x[2 * ((t + 3) % 6)..<2 * ((t + 3) % 6) + 2])
            XCTAssertEqual(x[0] * x[0] + x[1] * x[1], 1, accuracy: 1e-15)
            XCTAssertEqual(x[0], -other[0], accuracy: 1e-15)
            XCTAssertEqual(x[1], -other[1], accuracy: 1e-15)
            XCTAssertEqual(Array(problem.y[3 * t..<3 * t + 3]), (0..<3).map { $0 == t % 3 ? 1.0 : 0.0 })
        }
    }

    /// The constructed network fits every target: the global minimum 0 is attained, with zero
    /// gradient there (every residual is 0), and the zero network (every output 0) is not a success.
    func testZeroRiskNetworkIsAGlobalMinimum() {
        for (classes, hidden) in [(2, 2), (2, 3), (2, 4), (3, 6), (3, 7), (4, 8), (6, 12)] {
            let objective = MultiOutputObjective(problem: SampleProblems.circleXor(classes: classes, hidden: hidden), lambda: nil)
            let p = SampleProblems.circleXorZeroRisk(classes: classes, hidden: hidden)
            let value = objective.evaluate(p)
            XCTAssertLessThan(value.original, 1e-28, "K = \(classes), H = \(hidden)")
            XCTAssertLessThan(value.gradient.map(abs).max()!, 1e-13, "K = \(classes), H = \(hidden)")
            XCTAssertTrue(objective.succeeded(p, originalLoss: value.original))
            XCTAssertEqual(objective.accuracy(p), 1)
            let zero = [Double](repeating: 0, count: p.count)
            let atZero = objective.evaluate(zero).original
            XCTAssertEqual(atZero, Double(classes), accuracy: 1e-14)  // 2K points, each (1 - 0)^2 / 2 once
            XCTAssertFalse(objective.succeeded(zero, originalLoss: atZero))
            XCTAssertEqual(objective.accuracy(zero), 0)  // all outputs tie
            // With the neurons at a = 0 (any w, b) the augmented objective is the same and also stationary.
            let augmented = MultiOutputObjective(problem: objective.problem, lambda: 0.1)
            var q = p
            for k in 0..<classes { q += [0.3 * Double(k) - 0.4, 0.2, -0.1, 0] }
            let withNeurons = augmented.evaluate(q)
            XCTAssertEqual(withNeurons.objective, value.objective, accuracy: 1e-28)
            XCTAssertLessThan(withNeurons.gradient.map(abs).max()!, 1e-13)
        }
    }

    private func randomParameters(_ objective: LabObjective, seed: UInt64, scale: Double = 0.6) -> [Double] {
        var random = StartRandomness(seed: seed, task: "multi-output-test", start: 0, stream: 0)
        return random.normals(objective.parameterCount, scale: scale)
    }

    func testGradientsMatchFiniteDifferences() throws {
        for text in ["circle-xor:2,2", "circle-xor:3,6", "circle-xor:4,9"] {
            let task = try LabTask(parsing: text)
            for arm in LabArm.allCases {
                let objective = task.makeObjective(arm: arm, lambda: 0.2)
                XCTAssertEqual(objective.neuronLayouts.count, arm == .neuron ? task.outputs : 0)
                for seed in 0..<3 as Range<UInt64> {
                    let p = randomParameters(objective, seed: seed)
                    let exact = objective.evaluate(p)
                    // The original loss is the risk of the network alone, whatever the neurons.
                    if arm == .neuron {
                        let plain = task.makeObjective(arm: .plain, lambda: 0.2)
                        XCTAssertEqual(exact.original, plain.evaluate(Array(p.prefix(plain.parameterCount))).original, accuracy: 1e-13)
                    }
                    assertGradientMatchesCentralDifferences(objective, at: p, gradient: exact.gradient, relativeTolerance: 1e-6, "\(text) \(arm) seed \(seed) ")
                }
            }
        }
    }

    /// The objective against a direct evaluation of its definition, neuron by neuron.
    func testObjectiveMatchesItsDefinition() {
        let problem = SampleProblems.circleXor(classes: 3, hidden: 7)
        let lambda = 0.3
        let objective = MultiOutputObjective(problem: problem, lambda: lambda)
        let p = randomParameters(objective, seed: 9)
        let net = problem.network, width = net.unitWidth, base = net.parameterCount
        var risk = 0.0, total = 0.0
        for t in 0..<problem.count {
            let x = Array(problem.x[2 * t..<2 * t + 2])
            for k in 0..<3 {
                var f = p[net.hidden * width + k]
                for i in 0..<net.hidden {
                    let z = p[i * width] * x[0] + p[i * width + 1] * x[1] + p[i * width + 2]
                    f += p[i * width + 3 + k] * max(0, z)
                }
                let n = base + k * 4
                let neuron = p[n + 3] * exp(p[n] * x[0] + p[n + 1] * x[1] + p[n + 2])
                risk += 0.5 * (f - problem.y[3 * t + k]) * (f - problem.y[3 * t + k])
                total += 0.5 * (f + neuron - problem.y[3 * t + k]) * (f + neuron - problem.y[3 * t + k])
            }
        }
        for k in 0..<3 { total += lambda * p[base + k * 4 + 3] * p[base + k * 4 + 3] }
        let value = objective.evaluate(p)
        XCTAssertEqual(value.original, risk, accuracy: 1e-12 * risk)
        XCTAssertEqual(value.objective, total, accuracy: 1e-12 * total)
    }

    /// a_k dL/da_k - dL/db_k = 2 lambda a_k^2 for every neuron at every parameter value.
    func testPerNeuronIdentityHoldsEverywhere() throws {
        for (text, lambda) in [("circle-xor:3,6", 0.25), ("circle-xor:5,10", 0.1), ("circle-xor:2,2", 2.0)] {
            let objective = try LabTask(parsing: text).makeObjective(arm: .neuron, lambda: lambda)
            for seed in 0..<5 as Range<UInt64> {
                let p = randomParameters(objective, seed: 100 + seed, scale: 0.8)
                let g = objective.evaluate(p).gradient
                for layout in objective.neuronLayouts {
                    let a = p[layout.scale]
                    XCTAssertEqual(
                        a * g[layout.scale] - g[layout.bias], 2 * lambda * a * a, accuracy: 1e-12 * max(1, abs(g[layout.bias])), "\(text) seed \(seed)")
                }
            }
        }
    }

    func testStartsShareTheNetworkAndAddOneNeuronPerOutput() throws {
        let task = try LabTask(parsing: "circle-xor:3,6")
        let plain = task.startParameters(arm: .plain, seed: 1, start: 4)
        let neuron = task.startParameters(arm: .neuron, seed: 1, start: 4)
        let objective = task.makeObjective(arm: .neuron, lambda: 0.1)
        XCTAssertEqual(plain.count, 39)
        XCTAssertEqual(neuron.count, objective.parameterCount)
        XCTAssertEqual(neuron.count, 39 + 3 * 4)
        XCTAssertEqual(Array(neuron.prefix(39)), plain)
        for layout in objective.neuronLayouts {
            XCTAssertEqual(neuron[layout.bias], 0)
            XCTAssertEqual(neuron[layout.scale], 0)
            XCTAssertNotEqual(neuron[layout.weights.lowerBound], 0)
        }
        // Different neurons draw different w; zero-w starts them at 0.
        XCTAssertNotEqual(neuron[39], neuron[43])
        let zero = task.startParameters(arm: .neuron, seed: 1, start: 4, neuronInit: .zeroW)
        XCTAssertEqual(Array(zero.suffix(12)), [Double](repeating: 0, count: 12))
        // Both arms start from the same function.
        let neuronObjective = task.makeObjective(arm: .neuron, lambda: 0.1), plainObjective = task.makeObjective(arm: .plain, lambda: 0.1)
        XCTAssertEqual(neuronObjective.evaluate(neuron).objective, plainObjective.evaluate(plain).objective)
    }

    /// The record keeps the neuron with the largest |a_k|.
    func testSummaryNeuronIsTheLargestScale() {
        let layouts = [NeuronLayout(weights: 0..<2), NeuronLayout(weights: 4..<6), NeuronLayout(weights: 8..<10)]
        let p: [Double] = [1, 0, 0.5, 0.1, 3, 4, -2, -0.7, 0, 0, 0, 0.7]
        let summary = p.withUnsafeBufferPointer { NeuronLayout.summary($0, layouts) }
        XCTAssertEqual(summary.a, -0.7)  // |-0.7| ties with 0.7: the first is kept
        XCTAssertEqual(summary.b, -2)
        XCTAssertEqual(summary.wNorm, 5)
    }

    private var folders: [URL] = []

    override func tearDownWithError() throws {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }

    private func options(threads: Int, starts: Int = 6) throws -> LabOptions {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lab-multiclass-\(UUID().uuidString)")
        folders.append(out)
        var o = LabOptions(task: try LabTask(parsing: "circle-xor:3"), starts: starts, out: out)
        o.threads = threads
        o.descent.maxIterations = 4000
        o.trajectoryStarts = 2
        return o
    }

    /// A small run gives the same records for the same seed, whatever the thread count, and after
    /// growing a study; the report names the per-output neurons.
    func testRunsAreReproducible() throws {
        let one = try options(threads: 1), two = try options(threads: 2)
        let first = try runLab(one), second = try runLab(two)
        XCTAssertEqual(try first.records.map { try JSON.encode($0) }, try second.records.map { try JSON.encode($0) })
        let bytes = try Data(contentsOf: one.out.appendingPathComponent(LabFiles.records))
        XCTAssertEqual(bytes, try Data(contentsOf: two.out.appendingPathComponent(LabFiles.records)))
        XCTAssertEqual(first.records.count, 12)
        XCTAssertEqual(first.records.map(\.arm), Array(repeating: [LabArm.plain, .neuron], count: 6).flatMap { $0 })
        for record in first.records {
            XCTAssertEqual(record.a == nil, record.arm == .plain)
            XCTAssertEqual(record.success, record.stopped != .diverged && (record.finalLoss ?? .infinity) < 1e-3)
        }
        XCTAssertEqual(first.records.filter { $0.trajectoryA != nil }.map(\.start), [0, 1])
        // Records rebuilt one by one are the same.
        for record in first.records.prefix(4) {
            var rebuilt = trainOneStart(
                task: one.task, arm: record.arm, start: record.start, lambda: one.lambda, seed: one.seed,
                settings: one.descent, keepTrajectory: record.start < 2)
            XCTAssertEqual(try JSON.encode(rebuilt), try JSON.encode(record))
            rebuilt = trainOneStart(
                task: one.task, arm: record.arm, start: record.start, lambda: one.lambda, seed: 2,
                settings: one.descent, keepTrajectory: record.start < 2)
            XCTAssertNotEqual(rebuilt.finalLoss, record.finalLoss)
        }
        // Growing the study keeps the records there and adds the same ones a larger run has.
        var grown = one
        grown.starts = 8
        let grownSummary = try runLab(grown)
        XCTAssertEqual(grownSummary.trained, 4)
        XCTAssertEqual(try grownSummary.records.prefix(12).map { try JSON.encode($0) }, try first.records.map { try JSON.encode($0) })
        let larger = try runLab(try options(threads: 2, starts: 8))
        XCTAssertEqual(try larger.records.map { try JSON.encode($0) }, try grownSummary.records.map { try JSON.encode($0) })
        let report = try writeLabReport(folder: one.out)
        let markdown = try String(contentsOf: report.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.contains("for each of the 3 outputs (one neuron per output unit)"), markdown)
        XCTAssertTrue(markdown.contains("Neurons at the end: every |a\\_k|"), markdown)
    }
}
