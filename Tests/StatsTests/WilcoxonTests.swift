import Stats
import XCTest

final class WilcoxonTests: XCTestCase {
    let fixtures = StatsFixtures.shared

    /// Every (method, alternative, correction) combination on n = 1..60 pairs,
    /// with and without ties and zero differences. Statistic to 1e-12,
    /// p-value to 1e-9 relative; for exact p-values an absolute floor of
    /// 1e-15 because scipy computes P(R+ >= k) above the mean as 1 - cdf,
    /// which carries ~1e-16 absolute error (tiny p lose relative accuracy
    /// in scipy, not here).
    func testMatchesScipyOnEveryFixtureCase() throws {
        XCTAssertGreaterThanOrEqual(fixtures.wilcoxon.count, 30)
        var seen: [String: Int] = [:]
        for c in fixtures.wilcoxon {
            let result = try wilcoxonSignedRank(
                c.x, c.y, alternative: Alternative(rawValue: c.alternative)!,
                method: TestMethod(rawValue: c.method)!, continuity: c.continuity)
            assertClose(result.statistic, c.statistic, relative: 1e-12, c.label + " statistic")
            assertClose(result.pValue, c.p, absolute: result.method == .exact ? 1e-15 : 0, c.label + " p")
            let resolved = result.signFlipEnumeration ? "sign-flip" : result.method.rawValue
            XCTAssertEqual(resolved, c.resolved, c.label)
            XCTAssertEqual(result.continuity, c.continuity && c.resolved == "asymptotic", c.label)
            XCTAssertEqual(result.pairs, c.x.count)
            seen[resolved, default: 0] += 1
        }
        XCTAssertGreaterThan(seen["exact"] ?? 0, 30)
        XCTAssertGreaterThan(seen["asymptotic"] ?? 0, 30)
        XCTAssertGreaterThan(seen["sign-flip"] ?? 0, 10)
    }

    /// Exact p for n = 50 all-positive differences: 2 / 2^50 two-sided.
    func testExactTinyPIsAccurate() throws {
        let x = (1...50).map { Double($0) * 0.37 + 10 }
        let y = [Double](repeating: 10, count: 50)
        let result = try wilcoxonSignedRank(x, y)
        XCTAssertEqual(result.method, .exact)
        XCTAssertEqual(result.statistic, 0)
        assertClose(result.pValue, 2 / 1125899906842624.0, relative: 1e-14, "2/2^50")
        let greater = try wilcoxonSignedRank(x, y, alternative: .greater)
        XCTAssertEqual(greater.statistic, 1275)
        assertClose(greater.pValue, 1 / 1125899906842624.0, relative: 1e-14, "1/2^50")
    }

    /// Zeros are dropped (zero_method 'wilcox'): 6 positive differences
    /// among 7 pairs give two-sided p = 2/64 via the sign-flip enumeration.
    func testZeroDifferencesAreDropped() throws {
        let result = try wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 7])
        XCTAssertEqual(result.nonzeroPairs, 6)
        XCTAssertTrue(result.signFlipEnumeration)
        XCTAssertEqual(result.method, .exact)
        assertClose(result.pValue, 2.0 / 64.0, relative: 1e-15, "2/2^6")
    }
}
