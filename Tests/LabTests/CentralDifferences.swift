import Lab
import XCTest

/// The lab tests' one finite-difference check: every component of `gradient` (the objective's own,
/// at `p`) against the float64 central difference of the objective with step `h`, within
/// `relativeTolerance * max(1, |numeric|)`.
func assertGradientMatchesCentralDifferences(
    _ objective: any LabObjective, at p: [Double], gradient: [Double], relativeTolerance: Double,
    step h: Double = 1e-6, _ label: String, file: StaticString = #filePath, line: UInt = #line
) {
    for j in p.indices {
        var plus = p, minus = p
        plus[j] += h
        minus[j] -= h
        let numeric = (objective.evaluate(plus).objective - objective.evaluate(minus).objective) / (2 * h)
        XCTAssertEqual(gradient[j], numeric, accuracy: relativeTolerance * max(1, abs(numeric)), "\(label)component \(j)", file: file, line: line)
    }
}
