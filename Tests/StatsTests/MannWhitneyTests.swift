import Stats
import XCTest

final class MannWhitneyTests: XCTestCase {
    let fixtures = StatsFixtures.shared

    /// Every (method, alternative, continuity) combination scipy accepts on
    /// samples of sizes 1..30, with and without ties: U exactly (1e-12),
    /// p-value to 1e-9 relative, and the resolved method.
    func testMatchesScipyOnEveryFixtureCase() throws {
        XCTAssertGreaterThanOrEqual(fixtures.mann_whitney.count, 30)
        XCTAssertEqual(fixtures.scipy_version, "1.17.1")
        var exact = 0, asymptotic = 0, tied = 0
        for c in fixtures.mann_whitney {
            let result = try mannWhitneyU(
                c.x, c.y, alternative: Alternative(rawValue: c.alternative)!,
                method: TestMethod(rawValue: c.method)!, continuity: c.continuity)
            assertClose(result.u, c.u, relative: 1e-12, c.label + " U")
            assertClose(result.pValue, c.p!, c.label + " p")
            XCTAssertEqual(result.method.rawValue, c.resolved, c.label)
            XCTAssertEqual(result.continuity, c.continuity && c.resolved == "asymptotic", c.label)
            XCTAssertEqual(result.nx, c.x.count)
            XCTAssertEqual(result.ny, c.y.count)
            if result.method == .exact { exact += 1 } else { asymptotic += 1 }
            if Set(c.x + c.y).count < c.x.count + c.y.count { tied += 1 }
        }
        // the fixture really exercises both methods and tied data
        XCTAssertGreaterThan(exact, 50)
        XCTAssertGreaterThan(asymptotic, 50)
        XCTAssertGreaterThan(tied, 50)
    }

    /// The seed experiment: 5 runs with the neuron all above 5 runs without.
    func testSeedCase() throws {
        let with = [0.831, 0.825, 0.822, 0.819, 0.830]
        let without = [0.814, 0.812, 0.808, 0.810, 0.816]
        let exact = try mannWhitneyU(with, without)
        XCTAssertEqual(exact.u, 25)
        XCTAssertEqual(exact.method, .exact)
        assertClose(exact.pValue, 2.0 / 252.0, relative: 1e-15, "exact two-sided = 2/C(10,5)")
        // The write-up's p = 0.006: one-sided normal approximation with continuity correction.
        let old = try mannWhitneyU(with, without, alternative: .greater, method: .asymptotic, continuity: true)
        XCTAssertEqual(old.method, .asymptotic)
        XCTAssertTrue(old.continuity)
        assertClose(old.pValue, 0.006092890177672406, "asymptotic greater with continuity")
        XCTAssertEqual((old.pValue * 1000).rounded() / 1000, 0.006)
    }

    /// scipy returns NaN when every value is equal and no continuity
    /// correction is used (0/0); the port returns p = 1 (U is at its mean).
    func testAllEqualValuesGivePOne() throws {
        XCTAssertFalse(fixtures.mann_whitney_scipy_nan.isEmpty)
        for c in fixtures.mann_whitney_scipy_nan {
            let result = try mannWhitneyU(
                c.x, c.y, alternative: Alternative(rawValue: c.alternative)!,
                method: TestMethod(rawValue: c.method)!, continuity: c.continuity)
            XCTAssertEqual(result.u, c.u, c.label)
            XCTAssertEqual(result.pValue, 1, c.label)
            XCTAssertEqual(result.method, .asymptotic, c.label)
        }
    }

    /// Infinite values rank like scipy (largest/smallest); NaN is refused.
    func testInfiniteValuesRank() throws {
        let result = try mannWhitneyU([.infinity, 1, 2], [0, -.infinity, 1.5])
        XCTAssertEqual(result.u, 8)  // pairs x > y: inf beats 3, 1 beats 2, 2 beats 3
        XCTAssertEqual(result.method, .exact)
        assertClose(result.pValue, 0.2, relative: 1e-14, "2 * P(U >= 8) for 3 vs 3 = 2 * 2/20 (scipy 0.2)")
    }

    /// Swapping the samples mirrors U and swaps greater/less.
    func testSymmetryUnderSwap() throws {
        let x = [1.2, 3.4, 2.2, 5.0, 0.7, 2.9]
        let y = [0.1, 2.0, 1.1, 0.3]
        let xy = try mannWhitneyU(x, y, alternative: .greater)
        let yx = try mannWhitneyU(y, x, alternative: .less)
        XCTAssertEqual(xy.u + yx.u, Double(x.count * y.count))
        XCTAssertEqual(xy.pValue, yx.pValue)
    }

    /// The exact distribution stays accurate for larger samples: 30 vs 30
    /// fully separated has p = 2 / C(60, 30).
    func testExactTailForLargeSamples() throws {
        let x = (0..<30).map { Double($0) + 100 }
        let y = (0..<30).map(Double.init)
        let result = try mannWhitneyU(x, y, method: .exact)
        assertClose(result.pValue, 2 / 118264581564861424.0, relative: 1e-13, "2/C(60,30)")
    }
}
