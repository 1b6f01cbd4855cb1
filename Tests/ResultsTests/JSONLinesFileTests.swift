import Diagnostics
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

    private let timing = "{\"schema_version\": 2, \"run\": 0, \"arm\": \"plain\", \"epoch\": 1, \"seconds\": 0.5}"

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
            guard let error = error as? FileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.file, self.file.path)
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 11)
            XCTAssertTrue(error.description.hasPrefix("\(self.file.path): line 2, column 11: malformed JSON"), error.description)
        }
    }

    func testSchemaErrorsNameTheKey() throws {
        try write("{\"schema_version\": 2, \"run\": 0, \"arm\": \"plain\", \"epoch\": 1.5, \"seconds\": 1}\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            XCTAssertTrue(
                "\(error)".contains(
                    ": line 1: a number does not fit its key (a fraction, a negative or too large number where a count belongs). Fix: Each record needs \"run\""
                ), "\(error)")
        }
        try write("{\"schema_version\": 2, \"run\": 0, \"arm\": \"plain\", \"epoch\": 1, \"seconds\": \"slow\"}\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            XCTAssertTrue("\(error)".contains("key \"seconds\" Expected to decode Double but found a string"), "\(error)")
        }
        try write("{\"schema_version\": 2, \"run\": 0, \"seed\": 1, \"arm\": \"plain\", \"status\": \"done\", \"epochs\": 1}\n")
        XCTAssertThrowsError(try JSONLinesFile<RunRecord>(url: file)) { error in
            XCTAssertTrue("\(error)".contains("key \"status\" must be \"completed\", \"stuck\" or \"diverged\", found \"done\""), "\(error)")
        }
        try write(
            "{\"schema_version\": 2, \"run\": 0, \"seed\": 1, \"arm\": \"plain\", \"status\": \"completed\", \"epochs\": 1, \"diverging_flag\": false, \"early_stopping\": {\"scale_rule\": {\"epoch\": true}}}\n"
        )
        XCTAssertThrowsError(try JSONLinesFile<RunRecord>(url: file)) { error in
            XCTAssertTrue("\(error)".contains("key \"early_stopping.scale_rule.epoch\" Expected to decode Int but found bool"), "\(error)")
        }
        try write("{\"schema_version\": 2, \"seed\": 1, \"arm\": \"plain\", \"status\": \"completed\", \"epochs\": 1}\n")
        XCTAssertThrowsError(try JSONLinesFile<RunRecord>(url: file)) { error in
            XCTAssertTrue("\(error)".contains(": line 1: key \"run\" is missing"), "\(error)")
        }
    }

    func testLineOfAnotherSchemaVersionNamesBothVersions() throws {
        // Written before versions: the "seconds" of epochs.jsonl lines then, or any line without schema_version.
        try write("{\"run\": 0, \"seed\": 1, \"arm\": \"plain\", \"epoch\": 1, \"val_loss\": 1, \"val_accuracy\": 0.5, \"seconds\": 2}\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochRecord>(url: file)) { error in
            guard let error = error as? FileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.line, 1)
            XCTAssertTrue(
                error.description.hasPrefix(
                    "\(self.file.path): line 1: has no schema_version (it was written before OneNeuron versioned its results files); "
                        + "this build of OneNeuron reads schema version 2. Fix: Rerun into a new results folder, or read this folder with the OneNeuron commit that wrote it"
                ), error.description)
        }
        try write(timing.replacingOccurrences(of: "\"schema_version\": 2", with: "\"schema_version\": 3") + "\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            XCTAssertTrue("\(error)".contains(": line 1: has schema version 3; this build of OneNeuron reads schema version 2."), "\(error)")
        }
        try write(timing + "\n" + timing.replacingOccurrences(of: "\"schema_version\": 2, ", with: "") + "\n")
        XCTAssertThrowsError(try JSONLinesFile<EpochTiming>(url: file)) { error in
            XCTAssertEqual((error as? FileError)?.line, 2)
        }
    }

    func testWholeFileOfAnotherVersionNamesTheFile() throws {
        try write("{\n  \"data\": \"eeg:eeg\",\n  \"runs\": \"5\"\n}\n")
        XCTAssertThrowsError(try ExperimentConfig.read(file)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(self.file.path): has no schema_version"), "\(error)")
        }
        try write("{\"schema_version\": 2, \"status\": \"completed\"}")
        XCTAssertThrowsError(try JSONFile.read(TrainingOutcome.self, from: file, fix: "Delete it")) { error in
            XCTAssertEqual("\(error)", "\(self.file.path): key \"epochs\" is missing. Fix: Delete it")
        }
    }
}
