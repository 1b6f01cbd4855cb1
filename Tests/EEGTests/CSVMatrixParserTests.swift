import EEG
import Tensor
import Foundation
import XCTest

final class CSVMatrixParserTests: XCTestCase {
    private func parse(_ text: String, file: String = "t.csv") throws -> (rows: Int, columns: Int, values: [Double]) {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try CSVMatrixParser.parse($0, file: file) }
    }

    func testParsesDecimalsExponentsAndLineEnds() throws {
        let m = try parse("-78.03,1.5e-07,+2\r\n0.0080338,-1E3,7\n\n")
        XCTAssertEqual(m.rows, 2)
        XCTAssertEqual(m.columns, 3)
        XCTAssertEqual(m.values, [-78.03, 1.5e-07, 2, 0.0080338, -1000, 7])
    }

    func testMatchesStrtodOnManyNumbers() throws {
        var generator = SeededGenerator(seed: 7)
        var texts: [String] = []
        for _ in 0..<2000 {
            let v = Double.random(in: -1e4...1e4, using: &generator)
            texts.append(["\(v)", String(format: "%.2f", v), String(format: "%.5e", v), String(format: "%.17g", v)].randomElement()!)
        }
        let m = try parse(texts.joined(separator: ","))
        XCTAssertEqual(m.values, texts.map { strtod($0, nil) })
    }

    func testMalformedValueNamesFileRowAndColumn() {
        XCTAssertThrowsError(try parse("1,2,3\n4,x5,6\n", file: "ML101_KS.csv")) { error in
            XCTAssertEqual(error as? EEGError, .malformedValue(file: "ML101_KS.csv", row: 2, column: 2, byte: 8, text: "x5"))
            XCTAssertTrue("\(error)".contains("row 2, column 2"))
        }
        XCTAssertThrowsError(try parse("1,,3\n")) { XCTAssertEqual($0 as? EEGError, .malformedValue(file: "t.csv", row: 1, column: 2, byte: 2, text: "")) }
        XCTAssertThrowsError(try parse("1,2,\n")) { XCTAssertEqual($0 as? EEGError, .malformedValue(file: "t.csv", row: 1, column: 3, byte: 4, text: "")) }
        XCTAssertThrowsError(try parse("1,2\n\n3,4\n")) { XCTAssertEqual($0 as? EEGError, .malformedValue(file: "t.csv", row: 2, column: 1, byte: 4, text: "(empty line)")) }
        XCTAssertThrowsError(try parse("1,nan\n")) { XCTAssertEqual($0 as? EEGError, .malformedValue(file: "t.csv", row: 1, column: 2, byte: 2, text: "nan")) }
        XCTAssertThrowsError(try parse("1,1e999\n")) { XCTAssertEqual($0 as? EEGError, .nonFinite(file: "t.csv", row: 1, column: 2)) }
    }

    func testTruncatedRowIsReported() {
        XCTAssertThrowsError(try parse("1,2,3\n4,5\n")) { error in
            XCTAssertEqual(error as? EEGError, .raggedRow(file: "t.csv", row: 2, columns: 2, expectedColumns: 3))
        }
    }

    func testRecordingFileErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eeg-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

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
            guard case .raggedRow(let name, let row, let columns, let expected)? = error as? EEGError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, file.path)
            XCTAssertEqual(expected, 13056)
            XCTAssertLessThan(columns, expected)
            XCTAssertEqual(row, bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1)
            XCTAssertTrue("\(error)".contains("row \(row) has \(columns) values"))
        }
    }
}
