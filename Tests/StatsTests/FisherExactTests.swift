import Stats
import XCTest

final class FisherExactTests: XCTestCase {
    let fixtures = PowerFixtures.shared

    /// scipy.stats.fisher_exact on 72 tables x 3 alternatives (zero cells and
    /// margins, symmetric tables, up to ~5000 counts): p to 1e-9 relative,
    /// odds ratio exactly (NaN and infinity included).
    func testMatchesScipy() throws {
        XCTAssertEqual(fixtures.scipy_version, "1.17.1")
        XCTAssertGreaterThanOrEqual(fixtures.fisher.count, 200)
        var worst = 0.0
        for c in fixtures.fisher {
            let t = c.table
            let result = try FisherExact.test(a: t[0], b: t[1], c: t[2], d: t[3], alternative: Alternative(rawValue: c.alternative)!)
            assertClose(result.pValue, c.p, c.label)
            worst = max(worst, abs(result.pValue - c.p) / c.p)
            if c.odds_ratio.isNaN {
                XCTAssertTrue(result.oddsRatio.isNaN, c.label)
            } else {
                XCTAssertEqual(result.oddsRatio, c.odds_ratio, c.label)
            }
            XCTAssertEqual(result.alternative.rawValue, c.alternative)
        }
        XCTAssertLessThan(worst, 1e-10, "worst relative error \(worst)")
    }

    /// Symmetric tables: every table as likely as the observed one counts
    /// (the relative tolerance), so p = 1 at the mode and the two tails add.
    func testTiesAndSymmetry() throws {
        XCTAssertEqual(try FisherExact.test(a: 3, b: 3, c: 3, d: 3).pValue, 1)
        let p = try FisherExact.test(a: 5, b: 0, c: 0, d: 5).pValue
        assertClose(p, 2.0 / 252, relative: 1e-13, "[[5,0],[0,5]]: both extreme tables, 2 / C(10,5)")
        XCTAssertEqual(try FisherExact.test(a: 5, b: 0, c: 0, d: 5).pValue, try FisherExact.test(a: 0, b: 5, c: 5, d: 0).pValue)
        // greater + less - P(X = a) = 1
        let greater = try FisherExact.test(a: 8, b: 2, c: 1, d: 5, alternative: .greater).pValue
        let less = try FisherExact.test(a: 8, b: 2, c: 1, d: 5, alternative: .less).pValue
        XCTAssertGreaterThan(greater + less, 1)
    }

    func testSummary() throws {
        let result = try FisherExact.test(a: 2, b: 3, c: 0, d: 5)
        XCTAssertEqual(result.summary, "p = \(result.pValue)\nodds ratio = inf")
        XCTAssertTrue(try FisherExact.test(a: 0, b: 0, c: 1, d: 2).summary.hasSuffix("odds ratio = nan"))
    }
}
