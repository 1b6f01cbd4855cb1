import Diagnostics
import FileTestSupport
import Foundation
import IO
import XCTest

final class CSVTableTests: TemporaryFolderTestCase {
    private func file(_ text: String) throws -> URL {
        let url = folder.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    func testWriteQuotesOnlyWhatRFC4180Requires() throws {
        let url = folder.appendingPathComponent("out.csv")
        try CSV.write(header: ["name", "note"], rows: [["plain", "a,b"], ["say \"hi\"", "two\nlines"], ["", " spaced "]], to: url)
        XCTAssertEqual(
            try String(contentsOf: url, encoding: .utf8),
            "name,note\nplain,\"a,b\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n, spaced \n")
        XCTAssertEqual(try folderListing(), ["out.csv"])
    }

    func testWriteThenReadRoundTripsAwkwardFields() throws {
        let url = folder.appendingPathComponent("round.csv")
        let header = ["id", "text", "ünï"]
        let rows = [["1", "comma, inside", "\"quoted\""], ["2", "line\r\nbreak", ""], ["3", "", "ωμέγα"], ["4", "\"", ",,"]]
        try CSV.write(header: header, rows: rows, to: url)
        let table = try CSV.readTable(from: url)
        XCTAssertEqual(table.header, header)
        XCTAssertEqual(table.rows, rows)

        // A one-column table with an empty value must not turn into a skipped blank line.
        try CSV.write(header: ["only"], rows: [["a"], [""], ["b"]], to: url)
        XCTAssertEqual(try CSV.readTable(from: url).rows, [["a"], [""], ["b"]])
    }

    func testReadsCRLFBlankLinesAndQuotedLineBreaks() throws {
        let table = try CSV.readTable(from: file("a,b\r\n1,\"x\r\ny\"\r\n\r\n2,z"))
        XCTAssertEqual(table.header, ["a", "b"])
        XCTAssertEqual(table.rows, [["1", "x\r\ny"], ["2", "z"]])
    }

    func testWriteRejectsRowsOfTheWrongWidth() {
        let url = folder.appendingPathComponent("bad.csv")
        let error = assertThrows(FileError.self, containing: ["bad.csv", "row 3, column 2", "1 fields but the header has 2"]) {
            try CSV.write(header: ["a", "b"], rows: [["1", "2"], ["3"]], to: url)
        }
        XCTAssertEqual(error?.kind, .raggedRow)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testReadErrorsNameRowAndColumn() throws {
        assertThrows(FileError.self, containing: ["t.csv", "row 3, column 3", "3 fields but the header has 2"]) {
            try CSV.readTable(from: file("a,b\n1,2\n3,4,5\n"))
        }
        // Row numbers are lines: the quoted line break pushes the ragged row to line 4.
        assertThrows(FileError.self, containing: ["row 4, column 2", "1 fields"]) {
            try CSV.readTable(from: file("a,b\n1,\"x\ny\"\n3\n"))
        }
        let unclosed = assertThrows(FileError.self, containing: ["row 2, column 2", "never closed"]) {
            try CSV.readTable(from: file("a,b\n1,\"open\n2,3\n"))
        }
        XCTAssertEqual(unclosed?.kind, .unclosedQuote)
        assertThrows(FileError.self, containing: ["row 2, column 1", "quote inside the unquoted field 'ab", "double"]) {
            try CSV.readTable(from: file("a\nab\"c\n"))
        }
        assertThrows(FileError.self, containing: ["row 2, column 2", "text follows the closing quote"]) {
            try CSV.readTable(from: file("a,b\n1,\"x\"y\n"))
        }
        assertThrows(FileError.self, containing: ["t.csv", "empty", "header"]) {
            try CSV.readTable(from: file(""))
        }
    }
}
