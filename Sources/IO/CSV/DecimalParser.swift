/// Parses decimal floating-point text ("-12.5", ".5", "3.", "1e-3") straight from bytes,
/// correctly rounded: short inputs take an exact fast path (Clinger), the rest go through
/// the standard library's locale-independent parser. Hex floats, "nan" and "inf" are rejected.
enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }  // exact up to 1e22
        return value
    }

    /// The value of exactly the bytes `text[0..<count]`, or nil if they are not a decimal number.
    /// Values too large for a double come back as ±infinity.
    static func parse(_ text: UnsafePointer<UInt8>, count: Int) -> Double? {
        var i = 0
        var negative = false
        if i < count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var digits = 0
        var exact = true
        while i < count, case let d = text[i] &- UInt8(ascii: "0"), d < 10 {
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa > 0 { significantDigits += 1 }
            } else {
                exponent += 1
                if d != 0 { exact = false }
            }
            digits += 1
            i += 1
        }
        if i < count && text[i] == UInt8(ascii: ".") {
            i += 1
            while i < count, case let d = text[i] &- UInt8(ascii: "0"), d < 10 {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa > 0 { significantDigits += 1 }
                    exponent -= 1
                } else if d != 0 {
                    exact = false
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < count && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var exponentDigits = 0
            while i < count, case let d = text[i] &- UInt8(ascii: "0"), d < 10 {
                if written < 100_000 { written = written * 10 + Int(d) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard i == count else { return nil }

        if exact && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -value : value
        }
        // Rare: more than 19 significant digits or a large exponent. The standard library's
        // parser is correctly rounded and locale-independent; the syntax was checked above.
        return Double(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    }
}
