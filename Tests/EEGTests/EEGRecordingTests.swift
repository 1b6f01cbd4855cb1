import Diagnostics
import EEG
import Foundation
import IO
import XCTest

/// Reading one recording: the file name gives the session, IO's matrix parser (tested in
/// IOTests/CSVMatrixTests) reads the values, and its errors come back naming the file, row and
/// column, with the EEG fix (fetch the file again).
final class EEGRecordingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eeg-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Writes `text` as a recording file and returns the CSV error reading it gives.
    private func csvError(_ text: String, file name: String = "ML101_KS.csv") throws -> (error: FileError, message: String)? {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        do {
            _ = try EEGRecording.read(from: url)
            XCTFail("reading '\(text)' should fail")
        } catch let error as EEGError {
            guard case .malformedCSV(let csv) = error else { XCTFail("\(error)"); return nil }
            XCTAssertEqual(csv.file, url.path)
            XCTAssertTrue(error.description.contains("fetch it again"), error.description)
            return (csv, error.description)
        }
        return nil
    }

    func testMalformedValuesNameFileRowAndColumn() throws {
        let bad = try XCTUnwrap(csvError("1,2,3\n4,x5,6\n"))
        XCTAssertEqual([bad.error.line, bad.error.column], [2, 2])
        XCTAssertEqual(bad.error.kind, .notANumber)
        XCTAssertTrue(bad.message.contains("ML101_KS.csv: row 2, column 2: 'x5' is not a number"), bad.message)
        let cases: [(String, FileErrorKind, Int, Int?)] = [
            ("1,,3\n", .emptyField, 1, 2),
            ("1,2,\n", .emptyField, 1, 3),
            ("1,2\n\n3,4\n", .emptyRow, 2, nil),
            ("1,nan\n", .nonFinite, 1, 2),
            ("1,1e999\n", .outOfRange, 1, 2),
            ("1,2,3\n4,5\n", .raggedRow, 2, 3)
        ]
        for (text, kind, row, column) in cases {
            let found = try XCTUnwrap(csvError(text))
            XCTAssertEqual(found.error.kind, kind, text)
            XCTAssertEqual(found.error.line, row, text)
            XCTAssertEqual(found.error.column, column, text)
        }
    }

    func testRecordingFileErrors() throws {
        let missing = folder.appendingPathComponent("ML101_KS.csv")
        XCTAssertThrowsError(try EEGRecording.read(from: missing)) { error in
            guard case .missingFile(let path, _)? = error as? EEGError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing.path)
        }
        let row = (0..<300).map { String($0 % 7) }.joined(separator: ",")
        let thirteen = folder.appendingPathComponent("ML102_US.csv")
        try Array(repeating: row, count: 13).joined(separator: "\n").write(to: thirteen, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try EEGRecording.read(from: thirteen)) { error in
            XCTAssertEqual(error as? EEGError, .wrongRowCount(file: thirteen.path, rows: 13, expected: 14))
        }
        let good = folder.appendingPathComponent("ML103_US.csv")
        try Array(repeating: row, count: 14).joined(separator: "\n").write(to: good, atomically: true, encoding: .utf8)
        let recording = try EEGRecording.read(from: good)
        XCTAssertEqual(recording.session, EEGSession(subject: 3, eegClass: .unfamiliar))
        XCTAssertEqual(recording.sampleCount, 300)
        XCTAssertEqual(Array(recording.channel(13).prefix(8)), [0, 1, 2, 3, 4, 5, 6, 0])

        let badName = folder.appendingPathComponent("ML109_XS.csv")
        try "1\n".write(to: badName, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try EEGRecording.read(from: badName)) { XCTAssertEqual($0 as? EEGError, .badFileName("ML109_XS.csv")) }
    }

    func testTruncatedRealFileNamesRowAndColumn() throws {
        let data = try TestData.require()
        var bytes = try Data(contentsOf: data.appendingPathComponent("ML104_KS.csv"))
        bytes = bytes.prefix(bytes.count / 2)  // cut in the middle of some row
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("eeg-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: cut, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: cut) }
        let file = cut.appendingPathComponent("ML104_KS.csv")
        try bytes.write(to: file)
        XCTAssertThrowsError(try EEGRecording.read(from: file)) { error in
            guard case .malformedCSV(let csv)? = error as? EEGError else { return XCTFail("\(error)") }
            XCTAssertEqual(csv.file, file.path)
            XCTAssertEqual(csv.kind, .raggedRow)
            let row = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
            XCTAssertEqual(csv.line, row)
            guard let column = csv.column else { return XCTFail("no column in \(error)") }
            let columns = column - 1  // the first missing column follows the values present
            XCTAssertLessThan(columns, 13056)
            XCTAssertTrue("\(error)".contains("row \(row), column \(columns + 1): row \(row) has \(columns) values but row 1 has 13056"), "\(error)")
            XCTAssertTrue("\(error)".contains("fetch it again"), "\(error)")
        }
    }
}
