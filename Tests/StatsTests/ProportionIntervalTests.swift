import Foundation
import Stats
import XCTest

/// Wilson's interval and Newcombe's hybrid score interval for a difference of proportions, against
/// statsmodels (scripts/stats/make_proportion_fixtures.py) and Newcombe's (1998) published example.
final class ProportionIntervalTests: XCTestCase {
    struct Fixture: Decodable {
        struct WilsonCase: Decodable {
            let successes: Int; let trials: Int; let alpha: Double; let z: Double; let lower: Double; let upper: Double
            var label: String { "wilson \(successes)/\(trials) alpha \(alpha)" }
        }
        struct NewcombeCase: Decodable {
            let successes1: Int; let trials1: Int; let successes2: Int; let trials2: Int
            let alpha: Double; let z: Double; let difference: Double; let lower: Double; let upper: Double
            var label: String { "newcombe \(successes1)/\(trials1) - \(successes2)/\(trials2) alpha \(alpha)" }
        }
        let statsmodels: String
        let scipy: String
        let wilson: [WilsonCase]
        let newcombe: [NewcombeCase]
    }

    private func fixture() throws -> Fixture {
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: "proportion_intervals", withExtension: "json", subdirectory: "Fixtures"),
            "Fixtures/proportion_intervals.json missing; run scripts/stats/make_proportion_fixtures.py")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Both follow the same formulas in nearly the same order, so values agree to an ulp or two:
    /// 1e-12 absolute (every bound is in [-1, 1]). Where statsmodels rounds a bound that is exactly
    /// 0, 1 or -1 (0.9999999999999998 above all successes), Stats has the exact value (tested below).
    private func check(
        _ actual: Double, _ expected: Double, _ label: String, worst: inout Double,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let difference = abs(actual - expected)
        worst = max(worst, difference)
        XCTAssertLessThanOrEqual(difference, 1e-12, "\(label): got \(actual), statsmodels \(expected)", file: file, line: line)
    }

    func testWilsonMatchesStatsmodels() throws {
        let f = try fixture()
        XCTAssertEqual(f.statsmodels, "0.15.0")
        XCTAssertEqual(f.wilson.count, 99)
        var worst = 0.0
        for c in f.wilson {
            let interval = try XCTUnwrap(ProportionIntervals.wilson(successes: c.successes, trials: c.trials, z: c.z), c.label)
            check(interval.lower, c.lower, "\(c.label) lower", worst: &worst)
            check(interval.upper, c.upper, "\(c.label) upper", worst: &worst)
            if c.alpha == 0.05 {
                let byDefault = try XCTUnwrap(ProportionIntervals.wilson(successes: c.successes, trials: c.trials))
                check(byDefault.lower, c.lower, "\(c.label) lower, default z", worst: &worst)
                check(byDefault.upper, c.upper, "\(c.label) upper, default z", worst: &worst)
            }
        }
        print("wilson: worst absolute difference from statsmodels \(worst)")
    }

    func testNewcombeDifferenceMatchesStatsmodels() throws {
        let f = try fixture()
        XCTAssertEqual(f.newcombe.count, 78)
        var worst = 0.0
        for c in f.newcombe {
            let interval = try XCTUnwrap(
                ProportionIntervals.newcombeDifference(
                    successes1: c.successes1, trials1: c.trials1,
                    successes2: c.successes2, trials2: c.trials2, z: c.z), c.label)
            XCTAssertEqual(interval.difference, c.difference, c.label)
            check(interval.lower, c.lower, "\(c.label) lower", worst: &worst)
            check(interval.upper, c.upper, "\(c.label) upper", worst: &worst)
            if c.alpha == 0.05 {
                let byDefault = try XCTUnwrap(
                    ProportionIntervals.newcombeDifference(
                        successes1: c.successes1, trials1: c.trials1,
                        successes2: c.successes2, trials2: c.trials2))
                check(byDefault.lower, c.lower, "\(c.label) lower, default z", worst: &worst)
                check(byDefault.upper, c.upper, "\(c.label) upper, default z", worst: &worst)
            }
        }
        print("newcombe: worst absolute difference from statsmodels \(worst)")
    }

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
