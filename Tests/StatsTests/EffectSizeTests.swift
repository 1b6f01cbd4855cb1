import Stats
import XCTest

final class EffectSizeTests: XCTestCase {
    let fixtures = StatsFixtures.shared

    /// 2*U/(nx*ny) - 1 with scipy's U, with and without ties: 1e-9 relative
    /// (plus 1e-15 absolute: a value of exactly 0 can come out as ~1e-17).
    func testRankBiserialMatchesScipy() throws {
        XCTAssertGreaterThan(fixtures.rank_biserial.count, 20)
        for c in fixtures.rank_biserial {
            assertClose(try rankBiserial(c.x, c.y), c.value, absolute: 1e-15, c.name)
        }
    }

    func testRankBiserialSign() throws {
        XCTAssertEqual(try rankBiserial([5, 6, 7], [1, 2]), 1)  // x larger: +1
        XCTAssertEqual(try rankBiserial([1, 2], [5, 6, 7]), -1)
        XCTAssertEqual(try rankBiserial([1, 2], [1, 2]), 0)
    }

    /// Pooled-sd Cohen's d computed with numpy: 1e-9 relative.
    func testCohensDMatchesNumpy() throws {
        XCTAssertGreaterThan(fixtures.cohens_d.count, 20)
        for c in fixtures.cohens_d {
            assertClose(try cohensD(c.x, c.y), c.value, c.name)
        }
    }

    func testDescriptive() {
        XCTAssertEqual(mean([1, 2, 3, 4]), 2.5)
        assertClose(sampleStandardDeviation([1, 2, 3, 4]), (5.0 / 3).squareRoot(), relative: 1e-15, "sd ddof 1")
        XCTAssertTrue(mean([]).isNaN)
        XCTAssertTrue(sampleStandardDeviation([3]).isNaN)
    }
}
