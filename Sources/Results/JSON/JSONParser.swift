/// A JSON syntax error at a byte offset of the parsed text.
public struct JSONSyntaxError: Error, Sendable {
    public let offset: Int
    public let message: String

    /// 1-based line and column (in bytes) of the error in `bytes`, the text that was parsed.
    public func position(in bytes: [UInt8]) -> (line: Int, column: Int) {
        let prefix = bytes[..<min(offset, bytes.count)]
        let line = prefix.filter { $0 == 0x0a }.count + 1
        let column = offset - (prefix.lastIndex(of: 0x0a).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }
}

/// A strict JSON parser over UTF-8 bytes that keeps object key order. As a convenience it
/// also reads the non-standard NaN, Infinity and -Infinity that Python's json module writes.
struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses exactly one JSON value (surrounded by optional whitespace).
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw JSONSyntaxError(offset: parser.position, message: "unexpected \(parser.describeCurrent()) after the JSON value")
        }
        return value
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of text" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7f { return "character '\(Character(UnicodeScalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard depth < 200 else { throw JSONSyntaxError(offset: position, message: "nesting deeper than 200 levels") }
        guard position < bytes.count else { throw JSONSyntaxError(offset: position, message: "expected a value but the text ended") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "N"): try expectWord("NaN"); return .number(JSONNumber(value: .nan, literal: "NaN"))
        case UInt8(ascii: "I"): try expectWord("Infinity"); return .number(JSONNumber(value: .infinity, literal: "Infinity"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw JSONSyntaxError(offset: position, message: "expected a value, found \(describeCurrent())")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw JSONSyntaxError(offset: position, message: "expected '\(word)', found \(describeCurrent())")
        }
        position += expected.count
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(offset: position, message: "expected a quoted key, found \(describeCurrent())")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: position, message: "expected ':' after key \"\(key)\", found \(describeCurrent())")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            object.entries.removeAll { $0.key == key }
            object.entries.append((key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw JSONSyntaxError(offset: position, message: "object not closed: expected ',' or '}' but the text ended") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            }
            throw JSONSyntaxError(offset: position, message: "expected ',' or '}' in object, found \(describeCurrent())")
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw JSONSyntaxError(offset: position, message: "array not closed: expected ',' or ']' but the text ended") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            throw JSONSyntaxError(offset: position, message: "expected ',' or ']' in array, found \(describeCurrent())")
        }
    }

    private mutating func parseNumber() throws -> JSONNumber {
        let start = position
        if bytes[position] == UInt8(ascii: "-") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "I") {
                try expectWord("Infinity")
                return JSONNumber(value: -.infinity, literal: "-Infinity")
            }
        }
        func digits() -> Int {
            let begin = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
            return position - begin
        }
        let integerDigits = digits()
        guard integerDigits > 0 else { throw JSONSyntaxError(offset: position, message: "expected digits in number, found \(describeCurrent())") }
        if integerDigits > 1 && bytes[position - integerDigits] == UInt8(ascii: "0") {
            throw JSONSyntaxError(offset: position - integerDigits, message: "numbers must not have leading zeros")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw JSONSyntaxError(offset: position, message: "expected digits after '.', found \(describeCurrent())") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw JSONSyntaxError(offset: position, message: "expected digits in exponent, found \(describeCurrent())") }
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(literal) else { throw JSONSyntaxError(offset: start, message: "number '\(literal)' cannot be read") }
        return JSONNumber(value: value, literal: literal)
    }

    private mutating func parseString() throws -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                flush(position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 {
                throw JSONSyntaxError(offset: position, message: "control character 0x\(String(byte, radix: 16)) inside a string (escape it)")
            }
            if byte == UInt8(ascii: "\\") {
                flush(position)
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                    scalars.append(UnicodeScalar(code) ?? "\u{FFFD}")
                default:
                    throw JSONSyntaxError(offset: position - 2, message: "invalid escape '\\\(Character(UnicodeScalar(escape)))' in string")
                }
                runStart = position
                continue
            }
            position += 1
        }
        throw JSONSyntaxError(offset: start, message: "string not closed (missing '\"')")
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw JSONSyntaxError(offset: position, message: "expected 4 hex digits after '\\u'")
        }
        position += 4
        return code
    }
}
