import Stats
import XCTest

final class MedianIntervalTests: XCTestCase {
    /// n = 30 at 95 %: the 10th and 21st order statistics, coverage 0.9572 (R: binom.test / the sign-test interval).
    func testThirtyValues() throws {
        let x = (1...30).map(Double.init).shuffled()
        let m = try medianInterval(x, level: 0.95)
        XCTAssertEqual(m.median, 15.5)
        XCTAssertEqual(m.lower, 10)
        XCTAssertEqual(m.upper, 21)
        XCTAssertEqual(m.coverage, 0.957226, accuracy: 1e-6)
    }

    /// Too few values for the level: [min, max] with its true coverage.
    func testFewValuesGiveTheRange() throws {
        let m = try medianInterval([3, 1, 2], level: 0.95)
        XCTAssertEqual(m.median, 2)
        XCTAssertEqual(m.lower, 1)
        XCTAssertEqual(m.upper, 3)
        XCTAssertEqual(m.coverage, 0.75, accuracy: 1e-12)
        XCTAssertThrowsError(try medianInterval([]))
    }
}
