import Foundation
import Results
import XCTest

/// Reading JSON Lines files of records: torn last lines, and errors naming file, line, column and key.
final class JSONLinesFileTests: XCTestCase {
    private var file: URL!

    override func setUpWithError() throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("results-tests-\(UUID().uuidString).jsonl")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: file)
    }

    private func write(_ text: String) throws { try Data(text.utf8).write(to: file) }

    private let timing = "{\"run\": 0, \"arm\": \"plain\", \"epoch\": 1, \"seconds\": 0.5}"

    func testReadsRecordsWithLineNumbersAndText() throws {
        try write(timing + "\n\n" + timing.replacingOccurrences(of: "\"epoch\": 1", with: "\"epoch\": 2") + "\r\n")
        let lines = try JSONLinesFile<EpochTiming>(url: file).lines
        XCTAssertEqual(lines.map(\.number), [1, 3])
        XCTAssertEqual(lines.map(\.record.epoch), [1, 2])
        XCTAssertEqual(lines[0].text, timing)
    }

    func testTornLastLineIsIgnored() throws {
        try write(timing + "\n{\"run\": 0, \"arm\": \"pla")
        let read = try JSONLinesFile<EpochTiming>(url: file)
        XCTAssertEqual(read.records.count, 1)
        XCTAssertEqual(read.tornLine, 2)
    }

    func testMalformedLineNamesFileLineAndColumn() throws {
        try write(timing + "\n{\"run\": 0,, \"arm\": \"plain\"}\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            guard let error = error as? ResultsError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.file, self.file.path)
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 11)
            XCTAssertTrue(error.description.hasPrefix("\(self.file.path):2:11: malformed JSON"), error.description)
        }
    }

    func testSchemaErrorsNameTheKey() throws {
        try write("{\"run\": 0, \"arm\": \"plain\", \"epoch\": 1.5, \"seconds\": 1}\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            XCTAssertTrue("\(error)".contains(":1: key \"epoch\" must be an integer, found 1.5. Each record needs \"run\""), "\(error)")
        }
        try write("{\"run\": 0, \"arm\": \"plain\", \"epoch\": 1, \"seconds\": \"slow\"}\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            XCTAssertTrue("\(error)".contains("key \"seconds\" must be a number, found a string"), "\(error)")
        }
        try write("{\"run\": 0, \"seed\": 1, \"arm\": \"plain\", \"status\": \"done\", \"epochs\": 1}\n")
        XCTAssertThrowsError(try JSONLinesFile<RunRecord>(url: file)) { error in
            XCTAssertTrue("\(error)".contains("key \"status\" must be \"completed\", \"stuck\" or \"diverged\", found \"done\""), "\(error)")
        }
        try write("{\"run\": 0, \"seed\": 1, \"arm\": \"plain\", \"status\": \"completed\", \"epochs\": 1, \"early_stopping\": {\"scale_rule\": {\"epoch\": true}}}\n")
        XCTAssertThrowsError(try JSONLinesFile<RunRecord>(url: file)) { error in
            XCTAssertTrue("\(error)".contains("key \"early_stopping.scale_rule.epoch\" must be an integer, found a boolean"), "\(error)")
        }
    }
}
