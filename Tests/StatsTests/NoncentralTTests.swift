import Stats
import XCTest

final class NoncentralTTests: XCTestCase {
    let fixtures = PowerFixtures.shared

    /// scipy.stats.nct.cdf / .sf (Boost) on df 1..5000, nc -8..30, t -6..40:
    /// 1e-12 absolute (measured: about 7e-14).
    func testMatchesScipy() {
        XCTAssertGreaterThanOrEqual(fixtures.nct.count, 600)
        var worst = 0.0
        for c in fixtures.nct {
            let cdf = noncentralTCDF(c.t, degreesOfFreedom: c.df, noncentrality: c.nc)
            let sf = noncentralTSurvival(c.t, degreesOfFreedom: c.df, noncentrality: c.nc)
            let label = "nct(t \(c.t), df \(c.df), nc \(c.nc))"
            assertClose(cdf, c.cdf, relative: 0, absolute: 1e-12, label + " cdf")
            assertClose(sf, c.sf, relative: 0, absolute: 1e-12, label + " sf")
            worst = max(worst, abs(cdf - c.cdf), abs(sf - c.sf))
        }
        print("noncentral t: worst absolute difference from scipy \(worst)")
    }

    /// nc = 0 is Student's t; the tails of the two signs mirror each other.
    func testCentralCaseAndSymmetry() {
        for t in [-3.0, -0.5, 0, 1.2, 7] {
            assertClose(
                noncentralTSurvival(t, degreesOfFreedom: 7, noncentrality: 0),
                studentTSurvival(t, degreesOfFreedom: 7), relative: 1e-14, absolute: 1e-16, "central t \(t)")
            assertClose(
                noncentralTCDF(t, degreesOfFreedom: 4.5, noncentrality: 1.7),
                noncentralTSurvival(-t, degreesOfFreedom: 4.5, noncentrality: -1.7), relative: 1e-14, absolute: 1e-16,
                "mirror \(t)")
        }
        XCTAssertEqual(noncentralTCDF(.infinity, degreesOfFreedom: 3, noncentrality: 2), 1)
        XCTAssertEqual(noncentralTCDF(-.infinity, degreesOfFreedom: 3, noncentrality: 2), 0)
        XCTAssertTrue(noncentralTCDF(1, degreesOfFreedom: 0, noncentrality: 2).isNaN)
        XCTAssertTrue(noncentralTCDF(.nan, degreesOfFreedom: 3, noncentrality: 2).isNaN)
    }

    /// Far beyond AS 243's underflow (|nc| > 37) the series still works.
    func testLargeNoncentrality() {
        let p = noncentralTCDF(100, degreesOfFreedom: 2000, noncentrality: 100)
        XCTAssertGreaterThan(p, 0.4)
        XCTAssertLessThan(p, 0.6)
        XCTAssertEqual(noncentralTSurvival(1.96, degreesOfFreedom: 2000, noncentrality: 60), 1, accuracy: 1e-15)
    }
}
