import Foundation
import Stats
import XCTest

/// Exact power of Fisher's exact test against scipy brute force (scripts/stats/make_fisher_power_fixtures.py):
/// every outcome of the two binomial arms tested with scipy.stats.fisher_exact.
final class FisherExactPowerTests: XCTestCase {
    struct Fixture: Decodable {
        struct PowerCase: Decodable { let n1: Int; let n2: Int; let p1: Double; let p2: Double; let alpha: Double; let alternative: String; let power: Double }
        struct NeededCase: Decodable { let p1: Double; let p2: Double; let alpha: Double; let alternative: String; let power: Double; let n: Int }
        let scipy: String
        let power: [PowerCase]
        let runs_needed: [NeededCase]
    }

    private func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "fisher_power_cases", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testPowerMatchesScipyBruteForce() throws {
        let f = try fixture()
        XCTAssertEqual(f.scipy, "1.17.1")
        XCTAssertEqual(f.power.count, 60)
        for c in f.power {
            let analysis = try FisherExactPower(alpha: c.alpha, alternative: Alternative(rawValue: c.alternative)!)
            let power = try analysis.power(n1: c.n1, n2: c.n2, p1: c.p1, p2: c.p2)
            XCTAssertEqual(power, c.power, accuracy: 1e-12 + 1e-9 * c.power, "n \(c.n1),\(c.n2) p \(c.p1),\(c.p2) alpha \(c.alpha) \(c.alternative)")
        }
    }

    func testRunsNeededMatchesScipyScan() throws {
        for c in try fixture().runs_needed {
            let analysis = try FisherExactPower(alpha: c.alpha, alternative: Alternative(rawValue: c.alternative)!)
            XCTAssertEqual(try analysis.runsNeeded(p1: c.p1, p2: c.p2, power: c.power), c.n, "p \(c.p1) vs \(c.p2), power \(c.power)")
        }
    }

    func testDetectableRatesReachTheTargetPowerAtTheirBoundary() throws {
        let analysis = try FisherExactPower()
        // Five runs per arm (the seed protocol) with 2 of 5 failing: no rate in the other arm is detectable.
        let seed = try analysis.detectableRates(n: 5, baseline: 0.4, power: 0.8)
        XCTAssertNil(seed.lower)
        XCTAssertNil(seed.upper)
        let rates = try analysis.detectableRates(n: 40, baseline: 0.4, power: 0.8)
        let lower = try XCTUnwrap(rates.lower), upper = try XCTUnwrap(rates.upper)
        XCTAssertLessThan(lower, 0.4)
        XCTAssertGreaterThan(upper, 0.4)
        for (rate, outward) in [(lower, -1e-5), (upper, 1e-5)] {
            XCTAssertGreaterThanOrEqual(try analysis.power(n1: 40, n2: 40, p1: 0.4, p2: rate), 0.8)
            XCTAssertLessThan(try analysis.power(n1: 40, n2: 40, p1: 0.4, p2: rate - 2 * outward), 0.8)
        }
        XCTAssertNil(try analysis.runsNeeded(p1: 0.4, p2: 0.4, power: 0.8), "equal rates are never detected")
    }

    func testBadArgumentsAreClearErrors() {
        XCTAssertThrowsError(try FisherExactPower(alpha: 1.5)) { XCTAssertTrue("\($0)".contains("alpha"), "\($0)") }
        XCTAssertThrowsError(try FisherExactPower().power(n1: 0, n2: 5, p1: 0.1, p2: 0.2)) { XCTAssertTrue("\($0)".contains("n1"), "\($0)") }
        XCTAssertThrowsError(try FisherExactPower().power(n1: 5, n2: 5, p1: 0.1, p2: .nan)) { XCTAssertTrue("\($0)".contains("p2"), "\($0)") }
    }
}
