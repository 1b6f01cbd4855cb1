import Foundation
import Stats

/// Expected values written by scripts/stats/make_power_fixtures.py
/// (scipy 1.17.1, statsmodels 0.15.0).
struct PowerFixtures: Decodable {
    struct FisherCase: Decodable {
        let table: [Int]
        let alternative: String
        let odds_ratio: Double
        let p: Double
        var label: String { "fisher_exact(\(table), \(alternative))" }
    }
    struct NoncentralTCase: Decodable { let t: Double; let df: Double; let nc: Double; let cdf: Double; let sf: Double }
    struct PowerCase: Decodable {
        let test: String
        let ratio: Double
        let effect_size: Double
        let n: Double
        let alpha: Double
        let alternative: String
        let power: Double?
        let upper_tail: Double?
        var label: String { "\(test) ratio \(ratio) d \(effect_size) n \(n) alpha \(alpha) \(alternative)" }
    }
    struct SolveNCase: Decodable {
        let test: String
        let effect_size: Double
        let power: Double
        let alpha: Double
        let alternative: String
        let n: Double?
        let n_exact: Double?
        var label: String { "solve n: \(test) d \(effect_size) power \(power) alpha \(alpha) \(alternative)" }
    }
    struct SolveEffectCase: Decodable {
        let test: String
        let n: Double
        let power: Double
        let alpha: Double
        let alternative: String
        let effect_size: Double
        let effect_size_exact: Double?
        var label: String { "solve effect: \(test) n \(n) power \(power) alpha \(alpha) \(alternative)" }
    }

    let scipy_version: String
    let statsmodels_version: String
    let fisher: [FisherCase]
    let nct: [NoncentralTCase]
    let power: [PowerCase]
    let power_statsmodels_nan: [PowerCase]
    let solve_n: [SolveNCase]
    let solve_n_no_solution: [SolveNCase]
    let solve_effect: [SolveEffectCase]
    let solve_effect_statsmodels_wrong: [SolveEffectCase]

    /// Decoded once for all test cases ("inf" / "nan" odds ratios as strings).
    static let shared: PowerFixtures = {
        guard let url = Bundle.module.url(forResource: "power_cases", withExtension: "json", subdirectory: "Fixtures") else {
            fatalError("Fixtures/power_cases.json missing from the StatsTests bundle; run scripts/stats/make_power_fixtures.py")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(PowerFixtures.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot decode Fixtures/power_cases.json: \(error)")
        }
    }()
}

extension PowerTestKind {
    /// The analysis of a fixture case (`ratio` only for t-independent).
    static func analysis(_ test: String, ratio: Double = 1) throws -> any TTestPowerAnalysis {
        switch PowerTestKind(rawValue: test) {
        case .tPaired?: return TTestPower()
        case .tIndependent?: return try TTestIndPower(ratio: ratio)
        case nil: fatalError("unknown test '\(test)' in power_cases.json")
        }
    }
}
