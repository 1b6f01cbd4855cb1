import Foundation
import XCTest

/// Expected values written by scripts/stats/make_fixtures.py (scipy 1.17.1).
struct StatsFixtures: Decodable {
    struct MannWhitneyCase: Decodable {
        let name: String
        let x: [Double]
        let y: [Double]
        let alternative: String
        let method: String
        let continuity: Bool
        let u: Double
        let p: Double?
        let resolved: String
        var label: String { "\(name) [\(method)->\(resolved), \(alternative), continuity \(continuity)]" }
    }
    struct WilcoxonCase: Decodable {
        let name: String
        let x: [Double]
        let y: [Double]
        let alternative: String
        let method: String
        let continuity: Bool
        let statistic: Double
        let p: Double
        let resolved: String
        var label: String { "\(name) [\(method)->\(resolved), \(alternative), correction \(continuity)]" }
    }
    struct TQuantileCase: Decodable { let p: Double; let df: Double; let t: Double }
    struct TIntervalCase: Decodable {
        let values: [Double]
        let level: Double
        let center: Double
        let lower: Double
        let upper: Double
    }
    struct TwoSampleValue: Decodable { let name: String; let x: [Double]; let y: [Double]; let value: Double }

    let scipy_version: String
    let mann_whitney: [MannWhitneyCase]
    let mann_whitney_exact_with_ties: [MannWhitneyCase]
    let mann_whitney_scipy_nan: [MannWhitneyCase]
    let wilcoxon: [WilcoxonCase]
    let wilcoxon_exact_with_ties: [WilcoxonCase]
    let t_quantiles: [TQuantileCase]
    let t_intervals: [TIntervalCase]
    let rank_biserial: [TwoSampleValue]
    let cohens_d: [TwoSampleValue]

    /// Decoded once for all test cases.
    static let shared: StatsFixtures = {
        guard let url = Bundle.module.url(forResource: "stats_cases", withExtension: "json", subdirectory: "Fixtures") else {
            fatalError("Fixtures/stats_cases.json missing from the StatsTests bundle; run scripts/stats/make_fixtures.py")
        }
        do {
            return try JSONDecoder().decode(StatsFixtures.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot decode Fixtures/stats_cases.json: \(error)")
        }
    }()
}

/// Tolerances (see README of each test): every value is compared with a
/// relative tolerance of 1e-9, |actual - expected| <= 1e-9 * |expected|;
/// `absolute` adds a floor used only where scipy itself loses relative
/// accuracy (documented at the call site). Expected zeros need exact zeros.
func assertClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0,
    _ label: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line
) {
    let error = abs(actual - expected)
    let ok = error <= relative * abs(expected) + absolute
    XCTAssert(ok, "\(label()): got \(actual), scipy \(expected) (|diff| \(error))", file: file, line: line)
}
