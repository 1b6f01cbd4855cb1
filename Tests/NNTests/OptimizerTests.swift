import NN
import XCTest

/// Optimizers follow Keras 3's update rules and defaults.
final class OptimizerTests: XCTestCase {
    private func run(_ optimizer: any Optimizer, start: [Float], gradients: [[Float]]) -> [Float] {
        var w = start
        for g in gradients {
            var grad = g
            w.withUnsafeMutableBufferPointer { wb in grad.withUnsafeMutableBufferPointer { optimizer.step(values: wb, gradients: $0) } }
        }
        return w
    }

    func testAdamMatchesKerasFormula() {
        // Keras 3: alpha = lr*sqrt(1-b2^t)/(1-b1^t); m += (g-m)(1-b1); v += (g^2-v)(1-b2); w -= alpha*m/(sqrt(v)+eps)
        let grads: [[Float]] = [[0.5, -2], [0.1, 1], [-0.3, 0.25]]
        var w = [1.0, -1.0], m = [0.0, 0.0], v = [0.0, 0.0]
        for (t, g) in grads.enumerated() {
            let alpha = 0.01 * (1 - pow(0.999, Double(t + 1))).squareRoot() / (1 - pow(0.9, Double(t + 1)))
            for i in 0..<2 {
                let gi = Double(g[i])
                m[i] += (gi - m[i]) * 0.1; v[i] += (gi * gi - v[i]) * 0.001
                w[i] -= alpha * m[i] / (v[i].squareRoot() + 1e-7)
            }
        }
        let got = run(Adam(learningRate: 0.01), start: [1, -1], gradients: grads)
        for i in 0..<2 { XCTAssertEqual(Double(got[i]), w[i], accuracy: 1e-6) }
        // First Adam step moves each weight by about lr, whatever the gradient's size.
        let first = run(Adam(learningRate: 0.01), start: [0], gradients: [[123]])
        XCTAssertEqual(first[0], -0.01, accuracy: 1e-6)
    }

    func testRMSpropMatchesKerasFormula() {
        // Keras 3: v = rho*v + (1-rho)*g^2; w -= lr*g/sqrt(v + eps)
        let got = run(RMSprop(learningRate: 0.001), start: [1], gradients: [[0.5], [0.5]])
        var w = 1.0, v = 0.0
        for _ in 0..<2 { v = 0.9 * v + 0.1 * 0.25; w -= 0.001 * 0.5 / (v + 1e-7).squareRoot() }
        XCTAssertEqual(Double(got[0]), w, accuracy: 1e-6)
    }

    func testSGDWithMomentum() {
        let got = run(SGD(learningRate: 0.1, momentum: 0.9), start: [1], gradients: [[1], [1]])
        // v1 = -0.1, w = 0.9; v2 = -0.09 - 0.1 = -0.19, w = 0.71
        XCTAssertEqual(got[0], 0.71, accuracy: 1e-6)
        XCTAssertEqual(run(SGD(learningRate: 0.1), start: [1], gradients: [[2]])[0], 0.8, accuracy: 1e-6)
    }

    func testStateRestoreContinuesIdentically() throws {
        let a = Adam(learningRate: 0.01)
        let once = run(a, start: [1, 2], gradients: [[0.5, 0.1]])
        let b = Adam(learningRate: 0.01)
        try b.restore(a.state())
        XCTAssertEqual(run(a, start: once, gradients: [[0.2, -0.4]]), run(b, start: once, gradients: [[0.2, -0.4]]))
        XCTAssertThrowsError(try Adam().restore(["m": [1]])) { XCTAssertTrue("\($0)".contains("'v'")) }
    }

    func testParseOptimizer() throws {
        XCTAssertEqual((try parseOptimizer("adam:0.0002") as? Adam)?.learningRate, 0.0002)
        XCTAssertEqual((try parseOptimizer("sgd:0.1:0.9") as? SGD)?.momentum, 0.9)
        XCTAssertThrowsError(try parseOptimizer("adam:-1")) { XCTAssertTrue("\($0)".contains("adam:0.0002")) }
        XCTAssertThrowsError(try parseOptimizer("lbfgs")) { XCTAssertTrue("\($0)".contains("optimizer must be adam:LR")) }
    }
}
