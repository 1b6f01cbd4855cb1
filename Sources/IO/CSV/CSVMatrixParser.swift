import Diagnostics
import Foundation

/// The byte-level state machine behind `CSV.readMatrix` and `CSV.parseMatrix`: one pass over the
/// bytes, no String per value (numbers go straight to `DecimalParser`). Errors name the file,
/// 1-based row and column, the offending text and the fix.
struct CSVMatrixParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    let file: String

    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private func isPadding(_ b: UInt8) -> Bool {
        (b == Self.space || b == Self.tab) && b != separator
    }

    private func error(_ kind: FileErrorKind, _ row: Int?, _ column: Int?, _ problem: String, _ fix: String) -> FileError {
        FileError(kind, file: file, at: .table(row: row, column: column), problem: problem, fix: fix)
    }

    private func text(_ range: Range<Int>) -> String {
        let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<min(range.upperBound, range.lowerBound + 40)]), as: UTF8.self)
        return range.count > 40 ? shown + "..." : shown
    }

    func parse() throws(FileError) -> (rows: Int, columns: Int, values: [Double]) {
        let n = bytes.count
        var position = 0
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
        var values: [Double] = []
        values.reserveCapacity(n / 4)
        var columns = 0
        var row = 0
        while position < n {
            row += 1
            // A line of only padding: allowed as trailing blank lines, an error before data.
            var probe = position
            while probe < n && (isPadding(bytes[probe]) || bytes[probe] == Self.carriageReturn) { probe += 1 }
            if probe == n || bytes[probe] == Self.newline {
                var rest = probe
                while rest < n && (isPadding(bytes[rest]) || bytes[rest] == Self.carriageReturn || bytes[rest] == Self.newline) { rest += 1 }
                if rest == n { break }
                throw error(
                    .emptyRow, row, nil, "row \(row) is empty but more data follows",
                    "remove the blank line (each line must hold one row of numbers)")
            }
            var column = 0
            while true {
                column += 1
                if columns > 0 && column > columns {
                    var probe = position
                    while probe < n && isPadding(bytes[probe]) { probe += 1 }
                    if probe == n || bytes[probe] == Self.newline || bytes[probe] == Self.carriageReturn {
                        throw error(
                            .emptyField, row, column, "field is empty: the line ends with a delimiter",
                            "remove the delimiter at the end of a line (every row must have \(columns) values)")
                    }
                    var extra = column
                    var scan = position
                    while scan < n && bytes[scan] != Self.newline {
                        if bytes[scan] == separator { extra += 1 }
                        scan += 1
                    }
                    throw error(
                        .raggedRow, row, column, "row \(row) has \(extra) values but row 1 has \(columns)",
                        "every row needs the same number of values; look for an extra delimiter or two rows joined into one line")
                }
                while position < n && isPadding(bytes[position]) { position += 1 }
                let start = position
                while position < n, case let b = bytes[position], b != separator, b != Self.newline, b != Self.carriageReturn { position += 1 }
                var end = position
                while end > start && isPadding(bytes[end - 1]) { end -= 1 }
                if end == start {
                    throw error(
                        .emptyField, row, column, "field is empty",
                        "fill in the missing value, or remove the extra delimiter (a delimiter at the end of a line also makes an empty field)")
                }
                guard let value = DecimalParser.parse(bytes.baseAddress! + start, count: end - start) else {
                    let field = text(start..<end)
                    let lowered = field.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
                    if ["nan", "inf", "infinity"].contains(lowered) {
                        throw error(
                            .nonFinite, row, column, "value '\(field)' is not finite",
                            "replace NaN/inf values (interpolate or drop them) before saving the matrix")
                    }
                    let hint = row == 1 ? "; if the first line is a header, remove it or use CSV.readTable" : ""
                    throw error(
                        .notANumber, row, column, "'\(field)' is not a number",
                        "the matrix must hold only decimal numbers such as -12.5 or 3e-4\(hint)")
                }
                guard value.isFinite else {
                    throw error(
                        .outOfRange, row, column, "value '\(text(start..<end))' is too large for a 64-bit float",
                        "rescale the data so every value is below 1.8e308 in magnitude")
                }
                values.append(value)
                if position < n && bytes[position] == separator {
                    position += 1
                    continue
                }
                // End of the line: "\n", "\r\n" or the end of the file.
                if position < n && bytes[position] == Self.carriageReturn {
                    position += 1
                    if position < n && bytes[position] != Self.newline {
                        throw error(
                            .notANumber, row, column, "stray carriage return inside the row",
                            "use \"\\n\" or \"\\r\\n\" line ends")
                    }
                }
                if position < n { position += 1 }
                break
            }
            if columns == 0 {
                columns = column
            } else if column < columns {
                throw error(
                    .raggedRow, row, column + 1, "row \(row) has \(column) values but row 1 has \(columns)",
                    "every row needs the same number of values; look for a missing value or a line cut short")
            }
        }
        guard columns > 0 else {
            throw error(.emptyFile, nil, nil, "file holds no numbers", "check that the file was written completely")
        }
        return (values.count / columns, columns, values)
    }
}
