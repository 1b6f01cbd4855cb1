import Stats
import XCTest

/// Wilson's interval and Newcombe's hybrid score interval for a difference of proportions.
final class ProportionIntervalTests: XCTestCase {
    func testPublishedValues() throws {
        // statsmodels proportion_confint(5, 10, method="wilson") = (0.2365930905, 0.7634069095).
        let wilson = try XCTUnwrap(ProportionIntervals.wilson(successes: 5, trials: 10))
        XCTAssertEqual(wilson.lower, 0.2365930905, accuracy: 1e-9)
        XCTAssertEqual(wilson.upper, 0.7634069095, accuracy: 1e-9)
        // Newcombe (1998), Table II example (56/70 vs 48/80), method 10: 0.0524 to 0.3339.
        let difference = try XCTUnwrap(ProportionIntervals.newcombeDifference(successes1: 56, trials1: 70, successes2: 48, trials2: 80))
        XCTAssertEqual(difference.difference, 0.2, accuracy: 1e-12)
        XCTAssertEqual(difference.lower, 0.0524, accuracy: 5e-5)
        XCTAssertEqual(difference.upper, 0.3339, accuracy: 5e-5)
    }

    func testBoundsAtNoAndAllSuccessesAreExact() throws {
        for trials in [1, 2, 5, 10, 37, 50, 1000] {
            for z in [ProportionIntervals.z95, 1.6448536269514729, 2.575829303548901] {
                XCTAssertEqual(try XCTUnwrap(ProportionIntervals.wilson(successes: 0, trials: trials, z: z)).lower, 0, "0/\(trials), z \(z)")
                XCTAssertEqual(try XCTUnwrap(ProportionIntervals.wilson(successes: trials, trials: trials, z: z)).upper, 1, "\(trials)/\(trials), z \(z)")
                // No successes against all: the difference -1 is the interval's lower end.
                let d = try XCTUnwrap(ProportionIntervals.newcombeDifference(successes1: 0, trials1: 1, successes2: trials, trials2: trials, z: z))
                XCTAssertEqual(d.lower, -1, "0/1 - \(trials)/\(trials), z \(z)")
            }
        }
    }

    func testInvalidCountsHaveNoInterval() {
        XCTAssertNil(ProportionIntervals.wilson(successes: 0, trials: 0))
        XCTAssertNil(ProportionIntervals.wilson(successes: 11, trials: 10))
        XCTAssertNil(ProportionIntervals.wilson(successes: -1, trials: 10))
        XCTAssertNil(ProportionIntervals.wilson(successes: 5, trials: 10, z: -1))
        XCTAssertNil(ProportionIntervals.wilson(successes: 5, trials: 10, z: .nan))
        XCTAssertNil(ProportionIntervals.newcombeDifference(successes1: 0, trials1: 0, successes2: 3, trials2: 5))
        XCTAssertNil(ProportionIntervals.newcombeDifference(successes1: 3, trials1: 5, successes2: 0, trials2: 0))
        XCTAssertNil(ProportionIntervals.newcombeDifference(successes1: 6, trials1: 5, successes2: 3, trials2: 5))
    }
}
