import GradientChecks
import NN
import Tensor
import XCTest

/// Losses: the float32 batch gradient from `evaluate` against float64 central differences of the mean loss.
final class LossGradientTests: XCTestCase {
    private let losses: [any BinaryLoss] = [PolynomialHinge(power: 3), PolynomialHinge(power: 4), Hinge(), SquaredHinge(), Logistic(), BinaryCrossEntropy()]

    func testFloat32GradientMatchesFloat64FiniteDifferences() {
        var g = SeededGenerator(seed: 3)
        for loss in losses {
            let n = 17
            let y: [Float] = (0..<n).map { _ in
                let positive = g.uniform(0, 1) < 0.5
                return loss.labels == .plusMinusOne ? (positive ? 1 : -1) : (positive ? 1 : 0)
            }
            let p: [Float] = (0..<n).map { _ in loss.labels == .zeroOne ? g.uniform(0.05, 0.95) : g.uniform(-2, 2) }
            var grad = [Float](repeating: 0, count: n)
            let result = loss.evaluate(predictions: p, targets: y, count: n, gradient: &grad)
            func mean(_ q: [Double]) -> Double {
                zip(y, q).reduce(0) { $0 + loss.value(y: Double($1.0), prediction: $1.1) } / Double(n)
            }
            let p64 = p.map(Double.init)
            XCTAssertEqual(result.loss, mean(p64), accuracy: 1e-6 * max(1, abs(result.loss)), "\(loss) value")
            let check = GradientCheck.check(mean, at: p64, analytic: grad.map(Double.init), step: 1e-6)
            XCTAssertLessThan(check.maxRelativeError, 1e-2, "\(loss): \(check)")
        }
    }

    func testPolynomialHingeValuesAndAccuracy() {
        let loss = PolynomialHinge(power: 3)
        XCTAssertEqual(loss.value(y: 1.0, prediction: 0.5), 0.125, accuracy: 1e-12)  // (1 - 0.5)^3
        XCTAssertEqual(loss.value(y: -1.0, prediction: 0.5), 3.375, accuracy: 1e-12)  // (1 + 0.5)^3
        XCTAssertEqual(loss.value(y: 1.0, prediction: 2.0), 0)
        // sign(0) = 0 never matches a ±1 label (the seed's h_accuracy).
        XCTAssertFalse(signMatches(y: 1, prediction: 0))
        XCTAssertTrue(signMatches(y: -1, prediction: -0.01))
        let r = loss.evaluate(predictions: [0.5, -0.5, 0, 0.9], targets: [1, 1, -1, 1], count: 4, gradient: nil)
        XCTAssertEqual(r.correct, 2)
    }

    func testLogisticIsStableForLargeMargins() {
        let loss = Logistic()
        XCTAssertEqual(loss.value(y: 1.0, prediction: -1000.0), 1000, accuracy: 1e-9)
        XCTAssertEqual(loss.value(y: 1.0, prediction: 1000.0), 0, accuracy: 1e-12)
        XCTAssertEqual(loss.derivative(y: 1.0, prediction: -1000.0), -1, accuracy: 1e-12)
    }

    func testParseLoss() throws {
        XCTAssertEqual(try parseLoss("phinge:3").description, "phinge:3")
        XCTAssertEqual(try parseLoss("hinge").description, "hinge")
        XCTAssertThrowsError(try parseLoss("phinge:x")) { XCTAssertTrue("\($0)".contains("phinge:3")) }
        XCTAssertThrowsError(try parseLoss("mse")) { XCTAssertTrue("\($0)".contains("loss must be one of")) }
    }
}
