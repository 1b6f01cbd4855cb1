import Foundation
import Stats
import XCTest

final class CommandSupportTests: XCTestCase {
    func testParseSample() throws {
        XCTAssertEqual(try parseSample("0.81,0.80, 0.83 ,-1e-3", option: "--x"), [0.81, 0.80, 0.83, -0.001])
        XCTAssertEqual(try parseSample("5", option: "--x"), [5])
    }

    func testParseSampleNamesTheBadItem() {
        let cases: [(String, StatsError)] = [
            ("0.81,abc,0.8", .badSampleItem(option: "--x", position: 2, text: "abc")),
            ("0.81,,0.8", .badSampleItem(option: "--x", position: 2, text: "")),
            ("0.81,0.8,", .badSampleItem(option: "--x", position: 3, text: "")),
            ("1,nan", .badSampleItem(option: "--x", position: 2, text: "nan")),
            ("1;2", .badSampleItem(option: "--x", position: 1, text: "1;2")),
            ("  ", .emptyOption(option: "--x"))
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try parseSample(text, option: "--x"), text) { error in
                XCTAssertEqual(error as? StatsError, expected, text)
            }
        }
        let message = StatsError.badSampleItem(option: "--y", position: 2, text: "abc").description
        XCTAssertEqual(message, "option --y: item 2 ('abc') is not a finite number; give comma-separated decimals like --y 0.81,0.80,0.83")
    }

    func testMannWhitneySummaryAndJSON() throws {
        let result = try mannWhitneyU([5, 6, 7, 8, 9], [0, 1, 2, 3, 4], alternative: .greater, method: .asymptotic)
        let text = result.summary
        XCTAssertTrue(text.contains("U = 25.0"), text)
        XCTAssertTrue(text.contains("p = \(result.pValue)"), text)
        XCTAssertTrue(text.contains("method: asymptotic"), text)
        XCTAssertTrue(text.contains("alternative: greater"), text)
        XCTAssertTrue(text.contains("continuity correction: yes"), text)
        let json = try result.jsonString()
        XCTAssertFalse(json.contains("\n"))
        XCTAssertTrue(json.hasPrefix("{\"alternative\":\"greater\",\"continuity\":true,\"method\":\"asymptotic\""), json)
        let decoded = try JSONDecoder().decode(MannWhitneyResult.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, result)
    }

    func testWilcoxonSummaryAndJSON() throws {
        let result = try wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 0, 7])
        let text = result.summary
        XCTAssertTrue(text.contains("7 pairs, 6 with non-zero difference"), text)
        XCTAssertTrue(text.contains("statistic = 0.0 (min(R+, R-))"), text)
        XCTAssertTrue(text.contains("p = 0.03125"), text)
        XCTAssertTrue(text.contains("method: exact (all sign flips"), text)
        let json = try result.jsonString()
        XCTAssertTrue(json.contains("\"signFlipEnumeration\":true"), json)
        XCTAssertEqual(try JSONDecoder().decode(WilcoxonResult.self, from: Data(json.utf8)), result)
    }

    func testOptionSpellingsMatchScipy() {
        XCTAssertEqual(Alternative(rawValue: "two-sided"), .twoSided)
        XCTAssertEqual(Alternative.allCases.map(\.rawValue), ["two-sided", "greater", "less"])
        XCTAssertEqual(TestMethod.allCases.map(\.rawValue), ["auto", "exact", "asymptotic"])
    }

    func testParseTable() throws {
        let table = try parseTable(" 2, 3,0 ,5", option: "--table")
        XCTAssertEqual([table.a, table.b, table.c, table.d], [2, 3, 0, 5])
        let cases: [(String, StatsError)] = [
            ("1,2,3", .badTable(option: "--table", text: "1,2,3", problem: "expected 4 comma-separated counts, got 3")),
            ("1,2,3,4,5", .badTable(option: "--table", text: "1,2,3,4,5", problem: "expected 4 comma-separated counts, got 5")),
            ("1,2.5,3,4", .badTable(option: "--table", text: "1,2.5,3,4", problem: "item 2 ('2.5') is not a whole number")),
            ("1,,3,4", .badTable(option: "--table", text: "1,,3,4", problem: "item 2 ('') is not a whole number")),
            ("1,2,-3,4", .negativeCount(cell: "c", value: -3))
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try parseTable(text, option: "--table"), text) { error in
                XCTAssertEqual(error as? StatsError, expected, text)
            }
        }
        XCTAssertEqual(
            StatsError.badTable(option: "--table", text: "1,2,3", problem: "expected 4 comma-separated counts, got 3").description,
            "option --table '1,2,3': expected 4 comma-separated counts, got 3; give four counts a,b,c,d for the table "
                + "[[a, b], [c, d]], e.g. --table 2,3,0,5 (row = arm, columns = failures, successes)")
    }
}
