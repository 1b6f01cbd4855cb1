import Stats
import XCTest

/// Bad input throws StatsError whose message names the problem and the fix.
final class ErrorTests: XCTestCase {
    let fixtures = StatsFixtures.shared

    func assertThrows<T>(
        _ expression: @autoclosure () throws -> T, _ expected: StatsError,
        mentions words: [String], file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try expression()
            XCTFail("expected \(expected)", file: file, line: line)
        } catch let error as StatsError {
            XCTAssertEqual(error, expected, file: file, line: line)
            for word in words {
                XCTAssertTrue(error.description.contains(word), "'\(error)' should mention '\(word)'", file: file, line: line)
            }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    func testEmptySamples() {
        assertThrows(try mannWhitneyU([], [1]), .emptySample(sample: "x"), mentions: ["sample x is empty"])
        assertThrows(try mannWhitneyU([1], []), .emptySample(sample: "y"), mentions: ["sample y"])
        assertThrows(try wilcoxonSignedRank([], []), .emptySample(sample: "x"), mentions: ["empty"])
        assertThrows(try rankBiserial([], [1]), .emptySample(sample: "x"), mentions: ["empty"])
        assertThrows(try bootstrapMeanDifferenceInterval([1], [], seed: 1), .emptySample(sample: "y"), mentions: ["y"])
    }

    /// NaN is refused (scipy propagates NaN); the message names sample and index.
    /// (StatsError values holding NaN are compared by message: NaN != NaN.)
    func testNaNInput() {
        let cases: [(() throws -> Any, String)] = [
            ({ try mannWhitneyU([1, .nan], [2]) }, "sample x has NaN at index 1 (0-based)"),
            ({ try wilcoxonSignedRank([1, 2], [3, .nan]) }, "sample y has NaN at index 1 (0-based)"),
            // inf - inf is NaN: the difference is named
            ({ try wilcoxonSignedRank([1, .infinity], [0, .infinity]) }, "sample x - y has NaN at index 1 (0-based)"),
            ({ try cohensD([1, 2], [.nan, 1]) }, "sample y has NaN at index 0 (0-based)"),
            ({ try rankBiserial([.nan], [1]) }, "sample x has NaN at index 0"),
            ({ try studentTInterval([1, 2, .nan]) }, "sample values has NaN at index 2")
        ]
        for (call, message) in cases {
            XCTAssertThrowsError(try call(), message) { error in
                XCTAssertTrue("\(error)".hasPrefix(message), "\(error)")
                XCTAssertTrue("\(error)".contains("remove or replace non-finite values"), "\(error)")
            }
        }
        assertThrows(
            try studentTInterval([1, .infinity]), .nonFiniteValue(sample: "values", index: 1, value: .infinity),
            mentions: ["inf", "index 1"])
    }

    func testTooFewValues() {
        assertThrows(
            try studentTInterval([0.8]),
            .tooFewValues(sample: "values", count: 1, minimum: 2, statistic: "Student-t interval"),
            mentions: ["at least 2", "got 1", "more runs"])
        assertThrows(
            try cohensD([1], [2]),
            .tooFewValues(sample: "x and y together", count: 2, minimum: 3, statistic: "Cohen's d (pooled standard deviation)"),
            mentions: ["at least 3"])
        assertThrows(try cohensD([1, 1], [2, 2]), .zeroPooledStandardDeviation(meanDifference: -1), mentions: ["constant", "-1"])
    }

    func testLevelOutsideUnitInterval() {
        for level in [0.0, 1.0, -0.1, 90, .nan] {
            do {
                _ = try studentTInterval([1, 2, 3], level: level)
                XCTFail("level \(level) accepted")
            } catch let error as StatsError {
                XCTAssertTrue(error.description.contains("outside (0, 1)"), "\(error)")
                XCTAssertTrue(error.description.contains("0.9"), "\(error)")
            } catch { XCTFail("\(error)") }
        }
        assertThrows(
            try bootstrapMeanDifferenceInterval([1], [2], level: 1.5, seed: 0), .levelOutOfRange(level: 1.5),
            mentions: ["1.5"])
        assertThrows(
            try bootstrapMeanDifferenceInterval([1], [2], resamples: 0, seed: 0),
            .invalidArgument(name: "resamples", value: 0, requirement: "must be at least 1 (10000 is a good default)"),
            mentions: ["resamples"])
        assertThrows(
            try studentTQuantile(1, degreesOfFreedom: 3),
            .invalidArgument(name: "probability", value: 1, requirement: "must lie in (0, 1)"), mentions: ["(0, 1)"])
        assertThrows(
            try studentTQuantile(0.9, degreesOfFreedom: 0),
            .invalidArgument(name: "degrees of freedom", value: 0, requirement: "must be a positive finite number"),
            mentions: ["positive"])
    }

    func testPairedLengthMismatch() {
        assertThrows(
            try wilcoxonSignedRank([1, 2, 3], [1, 2]), .lengthMismatch(xCount: 3, yCount: 2),
            mentions: ["same length", "3 and 2"])
    }

    func testAllZeroDifferences() {
        assertThrows(try wilcoxonSignedRank([1, 2], [1, 2]), .allDifferencesZero(pairs: 2), mentions: ["all 2 differences", "zero"])
    }

    /// scipy accepts method='exact' with ties (and silently uses the no-ties
    /// distribution); the port refuses and points to auto/asymptotic. Every
    /// such fixture case (scipy's value recorded) must throw.
    func testExactWithTiesIsRefused() throws {
        XCTAssertFalse(fixtures.mann_whitney_exact_with_ties.isEmpty)
        for c in fixtures.mann_whitney_exact_with_ties {
            XCTAssertThrowsError(
                try mannWhitneyU(c.x, c.y, alternative: Alternative(rawValue: c.alternative)!, method: .exact),
                c.label
            ) { error in
                XCTAssertTrue("\(error)".contains("method exact assumes no ties"), "\(error)")
                XCTAssertTrue("\(error)".contains("use method auto or asymptotic"), "\(error)")
            }
            // the suggested fix works
            XCTAssertNoThrow(try mannWhitneyU(c.x, c.y, method: .auto))
        }
        XCTAssertFalse(fixtures.wilcoxon_exact_with_ties.isEmpty)
        for c in fixtures.wilcoxon_exact_with_ties {
            XCTAssertThrowsError(
                try wilcoxonSignedRank(
                    c.x, c.y, alternative: Alternative(rawValue: c.alternative)!,
                    method: .exact), c.label
            ) { error in
                XCTAssertTrue("\(error)".contains("Wilcoxon signed-rank: method exact assumes no ties"), "\(error)")
            }
        }
        assertThrows(
            try mannWhitneyU([1, 2, 2], [3], method: .exact),
            .exactWithTies(test: "Mann-Whitney U", detail: "the 4 pooled values contain 1 group(s) of tied values (sizes [2])"),
            mentions: ["tied"])
    }

    func testFisherBadTables() {
        assertThrows(
            try FisherExact.test(a: 1, b: -2, c: 3, d: 4), .negativeCount(cell: "b", value: -2),
            mentions: ["cell b", "-2", "0 or more"])
        assertThrows(try FisherExact.test(a: 0, b: 0, c: 0, d: 0), .emptyTable, mentions: ["every cell", "0"])
        // one empty arm is not an error: p = 1 and odds ratio NaN, as scipy
        XCTAssertEqual(try FisherExact.test(a: 0, b: 0, c: 2, d: 3).pValue, 1)
    }

    func testPowerBadArguments() throws {
        let paired = TTestPower()
        assertThrows(
            try paired.power(effectSize: 0.5, n: 1, alpha: 0.05),
            .invalidArgument(
                name: "n (observations or pairs)", value: 1,
                requirement: "must be finite and leave positive degrees of freedom (n > 1)"),
            mentions: ["n > 1"])
        assertThrows(
            try paired.power(effectSize: 0.5, n: 10, alpha: 1.5),
            .invalidArgument(name: "alpha", value: 1.5, requirement: "must lie in (0, 1), e.g. 0.05"), mentions: ["alpha"])
        assertThrows(
            try paired.solveN(effectSize: 0.5, power: 1),
            .invalidArgument(name: "power", value: 1, requirement: "must lie in (0, 1), e.g. 0.8"), mentions: ["power = 1"])
        assertThrows(
            try paired.solveN(effectSize: 0, power: 0.8),
            .invalidArgument(
                name: "effect size", value: 0,
                requirement: "must be a non-zero finite number: no sample size detects an effect of 0"),
            mentions: ["effect of 0"])
        XCTAssertThrowsError(try TTestIndPower().solveN(effectSize: -0.5, alternative: .larger)) { error in
            XCTAssertTrue("\(error)".hasPrefix("no n solves the power equation: with alternative larger and effect size -0.5"), "\(error)")
            XCTAssertTrue("\(error)".contains("use alternative smaller or two-sided"), "\(error)")
        }
        XCTAssertThrowsError(try paired.solveN(effectSize: 20, power: 0.8)) { error in
            XCTAssertTrue("\(error)".contains("already has power"), "\(error)")
        }
        XCTAssertThrowsError(try paired.minimumDetectableEffect(n: 10, power: 0.04, alpha: 0.05)) { error in
            XCTAssertTrue("\(error)".contains("not above alpha"), "\(error)")
        }
        assertThrows(
            try TTestIndPower(ratio: 0),
            .invalidArgument(name: "ratio", value: 0, requirement: "must be a positive finite number (n2 / n1)"),
            mentions: ["ratio"])
        XCTAssertThrowsError(try paired.power(effectSize: .nan, n: 10)) { error in
            XCTAssertTrue("\(error)".contains("effect size = nan"), "\(error)")
        }
    }
}
