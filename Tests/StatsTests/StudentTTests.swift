import Stats
import XCTest

final class StudentTTests: XCTestCase {
    let fixtures = StatsFixtures.shared

    /// scipy.stats.t.ppf for df 1..100 (plus fractional and large df) at
    /// levels 0.5..0.999 and some lower-tail probabilities: 1e-9 relative.
    func testQuantileMatchesScipy() throws {
        XCTAssertGreaterThanOrEqual(fixtures.t_quantiles.count, 900)
        var worst = 0.0
        for c in fixtures.t_quantiles {
            let t = try studentTQuantile(c.p, degreesOfFreedom: c.df)
            assertClose(t, c.t, "t.ppf(\(c.p), df \(c.df))")
            worst = max(worst, abs(t - c.t) / abs(c.t))
        }
        // the solver is far better than required; a regression shows here first
        XCTAssertLessThan(worst, 1e-12, "worst relative error \(worst)")
    }

    /// Survival function consistency: P(T > ppf(p)) = 1 - p.
    func testSurvivalInvertsQuantile() throws {
        for df in [1.0, 3, 10, 57] {
            for p in [0.6, 0.95, 0.9995] {
                let t = try studentTQuantile(p, degreesOfFreedom: df)
                assertClose(studentTSurvival(t, degreesOfFreedom: df), 1 - p, relative: 1e-12, "sf(ppf(\(p))) df \(df)")
                assertClose(studentTSurvival(-t, degreesOfFreedom: df), p, relative: 1e-12, "sf(-ppf(\(p))) df \(df)")
            }
        }
        XCTAssertEqual(try studentTQuantile(0.5, degreesOfFreedom: 4), 0)
        // df = 1 is the Cauchy distribution: ppf(p) = tan(pi (p - 1/2))
        assertClose(try studentTQuantile(0.975, degreesOfFreedom: 1), tan(Double.pi * 0.475), relative: 1e-13, "Cauchy")
    }

    /// scipy.stats.t.interval(level, n-1, loc=mean, scale=sem): 1e-9 relative.
    func testIntervalMatchesScipy() throws {
        for c in fixtures.t_intervals {
            let interval = try studentTInterval(c.values, level: c.level)
            let label = "n \(c.values.count) level \(c.level)"
            assertClose(interval.center, c.center, label + " center")
            assertClose(interval.lower, c.lower, label + " lower")
            assertClose(interval.upper, c.upper, label + " upper")
            XCTAssertEqual(interval.level, c.level)
        }
    }

    func testConstantValuesGiveZeroWidth() throws {
        let interval = try studentTInterval([0.5, 0.5, 0.5])  // exactly representable mean
        XCTAssertEqual(interval.lower, 0.5)
        XCTAssertEqual(interval.upper, 0.5)
    }

    func testNormalTails() {
        assertClose(standardNormalSurvival(0), 0.5, relative: 1e-15, "sf(0)")
        // scipy.stats.norm.sf(8.0) = 6.22096057427174e-16, norm.cdf(-1.5) = 0.06680720126885807
        assertClose(standardNormalSurvival(8), 6.22096057427174e-16, relative: 1e-12, "sf(8)")
        assertClose(standardNormalCDF(-1.5), 0.06680720126885807, relative: 1e-13, "cdf(-1.5)")
        XCTAssertEqual(standardNormalSurvival(-.infinity), 1)
        XCTAssertEqual(standardNormalSurvival(.infinity), 0)
    }
}
