import Diagnostics
import FileTestSupport
import Foundation
import IO
import Tensor
import XCTest

final class CSVMatrixTests: TemporaryFolderTestCase {
    private func file(_ text: String, _ name: String = "m.csv") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func testReadsRowsColumnsAndValuesInRowMajorOrder() throws {
        let m = try CSV.readMatrix(from: file("1,2,3\n-4.5,5e2,.25\n"))
        XCTAssertEqual(m.rows, 2)
        XCTAssertEqual(m.columns, 3)
        XCTAssertEqual(m.values, [1, 2, 3, -4.5, 500, 0.25])
    }

    func testToleratesCRLFByteOrderMarkPaddingMissingFinalNewlineAndTrailingBlankLines() throws {
        let m = try CSV.readMatrix(from: file("\u{FEFF} 1 ,\t2\r\n3,4\r\n\n  \n"))
        XCTAssertEqual(m.rows, 2)
        XCTAssertEqual(m.columns, 2)
        XCTAssertEqual(m.values, [1, 2, 3, 4])
        let single = try CSV.readMatrix(from: file("7"))
        XCTAssertEqual(single.rows, 1)
        XCTAssertEqual(single.values, [7])
    }

    func testOtherDelimiters() throws {
        XCTAssertEqual(try CSV.readMatrix(from: file("1;2\n3;4\n"), delimiter: ";").values, [1, 2, 3, 4])
        XCTAssertEqual(try CSV.readMatrix(from: file("1\t2\n3\t4\n"), delimiter: "\t").values, [1, 2, 3, 4])
        let spaced = try CSV.readMatrix(from: file("1 2 3\n4 5 6\n"), delimiter: " ")
        XCTAssertEqual(spaced.columns, 3)
        assertThrows(FileError.self, containing: ["delimiter '.'", "Fix:"]) {
            try CSV.readMatrix(from: file("1,2\n"), delimiter: ".")
        }
    }

    func testValuesMatchNumpyLoadtxtBitForBit() throws {
        // Long mantissas, 1e23, subnormals, DBL_MAX, 0.1, ... (see make_npy_fixtures.py).
        let m = try CSV.readMatrix(from: fixture("decimal_values.csv"))
        let expected = try NPY.read(from: fixture("decimal_values.npy"))
        XCTAssertEqual([m.rows, m.columns], expected.shape)
        XCTAssertEqual(m.values.map(\.bitPattern), expected.asDoubles().map(\.bitPattern))
    }

    func testRandomDecimalTextMatchesTheStandardLibraryParser() throws {
        var generator = SeededGenerator(seed: 2024)
        var cells: [String] = []
        for _ in 0..<20_000 {
            let digits = Int(generator.next() % 22) + 1
            var text = generator.next() % 2 == 0 ? "-" : ""
            let point = Int(generator.next() % UInt64(digits + 1))
            for k in 0..<digits {
                if k == point { text += "." }
                text += String(generator.next() % 10)
            }
            if generator.next() % 3 == 0 { text += "e" + String(Int(generator.next() % 80) - 40) }
            cells.append(text)
        }
        let rows = stride(from: 0, to: cells.count, by: 100).map { cells[$0..<($0 + 100)].joined(separator: ",") }
        let m = try CSV.readMatrix(from: file(rows.joined(separator: "\n")))
        XCTAssertEqual(m.rows, 200)
        for (k, text) in cells.enumerated() {
            let reference = Double(text.hasSuffix(".") ? text + "0" : text)!
            if m.values[k].bitPattern != reference.bitPattern {
                return XCTFail("'\(text)' parsed as \(m.values[k]) but the standard library gives \(reference)")
            }
        }
    }

    func testParseMatrixFromBytesSignsUpperCaseExponentsAndLineEnds() throws {
        let bytes = Array("-78.03,1.5e-07,+2\r\n0.0080338,-1E3,7\n\n".utf8)
        let m = try bytes.withUnsafeBufferPointer { try CSV.parseMatrix($0, file: "t.csv") }
        XCTAssertEqual(m.rows, 2)
        XCTAssertEqual(m.columns, 3)
        XCTAssertEqual(m.values, [-78.03, 1.5e-07, 2, 0.0080338, -1000, 7])
        let error = assertThrows(FileError.self, containing: ["t.csv: row 2, column 2", "'x5' is not a number"]) {
            try Array("1,2,3\n4,x5,6\n".utf8).withUnsafeBufferPointer { try CSV.parseMatrix($0, file: "t.csv") }
        }
        XCTAssertEqual(error?.place, "t.csv: row 2, column 2")
    }

    func testValuesMatchStrtodInTheEEGFilesStyles() throws {
        // The styles of the EEG recordings and of numpy's savetxt: shortest, %.2f, %.5e, %.17g.
        var generator = SeededGenerator(seed: 7)
        var texts: [String] = []
        for _ in 0..<2000 {
            let v = Double.random(in: -1e4...1e4, using: &generator)
            texts.append(["\(v)", String(format: "%.2f", v), String(format: "%.5e", v), String(format: "%.17g", v)].randomElement(using: &generator)!)
        }
        let m = try CSV.readMatrix(from: file(texts.joined(separator: ",")))
        XCTAssertEqual(m.values.map(\.bitPattern), texts.map { strtod($0, nil).bitPattern })
    }

    func testRaggedRowsNameRowAndColumn() throws {
        let fewer = assertThrows(FileError.self, containing: ["m.csv", "row 3, column 3", "row 3 has 2 values but row 1 has 3", "Fix:"]) {
            try CSV.readMatrix(from: file("1,2,3\n4,5,6\n7,8\n"))
        }
        XCTAssertEqual(fewer?.kind, .raggedRow)
        XCTAssertEqual(fewer?.line, 3)
        XCTAssertEqual(fewer?.column, 3)
        assertThrows(FileError.self, containing: ["row 2, column 3", "row 2 has 4 values but row 1 has 2"]) {
            try CSV.readMatrix(from: file("1,2\n3,4,5,6\n"))
        }
    }

    func testEmptyFieldsAndTrailingDelimiters() throws {
        assertThrows(FileError.self, containing: ["row 1, column 2", "field is empty", "missing value"]) {
            try CSV.readMatrix(from: file("1,,3\n"))
        }
        assertThrows(FileError.self, containing: ["row 2, column 3", "field is empty", "end of a line"]) {
            try CSV.readMatrix(from: file("1,2\n3,4,\n"))
        }
    }

    func testNonNumbersQuoteTheTextAndSuggestAFix() throws {
        let error = assertThrows(FileError.self, containing: ["m.csv", "row 2, column 2", "'4x' is not a number", "decimal numbers"]) {
            try CSV.readMatrix(from: file("1,2\n3,4x\n"))
        }
        XCTAssertEqual(error?.kind, .notANumber)
        assertThrows(FileError.self, containing: ["row 1, column 1", "'time'", "header"]) {
            try CSV.readMatrix(from: file("time,value\n1,2\n"))
        }
        assertThrows(FileError.self, containing: ["'0x1p3' is not a number"]) {
            try CSV.readMatrix(from: file("0x1p3\n"))
        }
        assertThrows(FileError.self, containing: ["'\"5\"' is not a number"]) {
            try CSV.readMatrix(from: file("\"5\"\n"))
        }
    }

    func testNaNInfinityAndOverflowAreRejected() throws {
        for text in ["nan", "NaN", "-inf", "Infinity"] {
            let error = assertThrows(FileError.self, containing: ["row 2, column 1", "'\(text)' is not finite", "replace NaN/inf"]) {
                try CSV.readMatrix(from: file("1\n\(text)\n"))
            }
            XCTAssertEqual(error?.kind, .nonFinite)
        }
        assertThrows(FileError.self, containing: ["row 1, column 2", "'1e999'", "too large"]) {
            try CSV.readMatrix(from: file("1,1e999\n"))
        }
    }

    func testEmptyFileBlankLineAndMissingFile() throws {
        assertThrows(FileError.self, containing: ["empty.csv", "no numbers"]) {
            try CSV.readMatrix(from: file("", "empty.csv"))
        }
        assertThrows(FileError.self, containing: ["blank.csv", "no numbers"]) {
            try CSV.readMatrix(from: file("\n \n", "blank.csv"))
        }
        assertThrows(FileError.self, containing: ["row 2", "empty", "blank line"]) {
            try CSV.readMatrix(from: file("1,2\n\n3,4\n"))
        }
        assertThrows(FileError.self, containing: ["gone.csv", "exists"]) {
            try CSV.readMatrix(from: folder.appendingPathComponent("gone.csv"))
        }
    }

    func testEEGSizedMatrixParsesQuickly() throws {
        // 14 x 18000 values in the EEG files' style ("-1046.5", "1.02"), about 1.5 MB.
        var generator = SeededGenerator(seed: 5)
        var text = ""
        for _ in 0..<14 {
            text += (0..<18_000).map { _ in String(format: "%.2f", (generator.unitDouble() - 0.5) * 4000) }.joined(separator: ",") + "\n"
        }
        let url = try file(text)
        let start = Date()
        let m = try CSV.readMatrix(from: url)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(m.rows, 14)
        XCTAssertEqual(m.columns, 18_000)
        XCTAssertLessThan(seconds, 0.5, "a 1.5 MB matrix should parse in well under half a second in release builds")
    }
}
