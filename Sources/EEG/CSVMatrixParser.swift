import Foundation

/// A fast parser for headerless comma-separated matrices of decimal numbers (one matrix row per
/// line). Works on the raw bytes: no String per value. Errors name the file, row, column and byte.
public enum CSVMatrixParser {
    /// Parses `bytes` into a row-major matrix. Every row must have as many values as the first;
    /// `\n` and `\r\n` line ends are accepted, trailing empty lines are ignored.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> (rows: Int, columns: Int, values: [Double]) {
        var values: [Double] = []
        values.reserveCapacity(bytes.count / 6)
        var rows = 0
        var columns = -1
        var column = 0
        var i = 0
        let n = bytes.count
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        while i < n {
            // A blank line may only be followed by more blank lines (the end of the file).
            if column == 0, bytes[i] == newline || bytes[i] == cr {
                var j = i
                while j < n, bytes[j] == newline || bytes[j] == cr { j += 1 }
                if j < n {
                    throw EEGError.malformedValue(file: file, row: rows + 1, column: 1, byte: i, text: "(empty line)")
                }
                break
            }
            let start = i
            var end = i
            while end < n, bytes[end] != comma, bytes[end] != newline, bytes[end] != cr { end += 1 }
            guard let value = parseNumber(bytes, start, end) else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(end, start + 40)]), as: UTF8.self)
                throw EEGError.malformedValue(file: file, row: rows + 1, column: column + 1, byte: start, text: text)
            }
            guard value.isFinite else {
                throw EEGError.nonFinite(file: file, row: rows + 1, column: column + 1)
            }
            values.append(value)
            column += 1
            i = end
            if i < n, bytes[i] == comma {
                i += 1
                if i == n || bytes[i] == newline || bytes[i] == cr {
                    throw EEGError.malformedValue(file: file, row: rows + 1, column: column + 1, byte: i, text: "")
                }
                continue
            }
            // End of a row (newline or end of file).
            if columns < 0 { columns = column }
            if column != columns {
                throw EEGError.raggedRow(file: file, row: rows + 1, columns: column, expectedColumns: columns)
            }
            rows += 1
            column = 0
            if i < n, bytes[i] == cr { i += 1 }
            if i < n, bytes[i] == newline { i += 1 }
        }
        return (rows, max(columns, 0), values)
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// Parses `[-+]digits[.digits][(e|E)[-+]digits]`; nil when the text is not such a number.
    /// Exact (correctly rounded) for up to 15 significant digits and small exponents; longer
    /// numbers go through `strtod`.
    @inline(__always)
    static func parseNumber(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var exponent = 0
        while i < end, b[i] &- 48 < 10 {
            if significant > 0 || b[i] != 48 { significant += 1 }
            if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48) } else { exponent += 1 }
            digits += 1
            i += 1
        }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, b[i] &- 48 < 10 {
                if significant > 0 || b[i] != 48 { significant += 1 }
                if significant <= 19 {
                    mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48)
                    exponent -= 1
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < end, b[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(b[i] &- 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if significant <= 15, abs(exponent) <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powersOfTen[-exponent] } else { v *= powersOfTen[exponent] }
            return negative ? -v : v
        }
        // Rare slow path: let the C library round correctly.
        var text = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { text[k - start] = CChar(bitPattern: b[k]) }
        return strtod(text, nil)
    }
}
