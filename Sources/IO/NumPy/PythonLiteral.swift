/// The subset of Python literal syntax that a `.npy` header uses: a dict of string keys whose
/// values are strings, booleans, None, integers, tuples and lists (structured dtypes).
indirect enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    static func == (a: PythonLiteral, b: PythonLiteral) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.none, .none): return true
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)): return x == y
        case (.dict(let x), .dict(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// How the value reads in Python source, for error messages.
    var pythonText: String {
        switch self {
        case .string(let s): return "'\(s)'"
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "True" : "False"
        case .none: return "None"
        case .tuple(let items): return "(" + items.map(\.pythonText).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .list(let items): return "[" + items.map(\.pythonText).joined(separator: ", ") + "]"
        case .dict(let pairs): return "{" + pairs.map { "\($0.key.pythonText): \($0.value.pythonText)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A syntax error at `offset` (bytes from the start of the parsed text).
struct PythonLiteralSyntaxError: Error {
    let offset: Int
    let message: String
}

/// Recursive-descent parser for `PythonLiteral` over ASCII/UTF-8 bytes.
struct PythonLiteralParser {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one literal followed only by whitespace.
    static func parse(_ bytes: [UInt8]) throws -> PythonLiteral {
        var parser = PythonLiteralParser(bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw PythonLiteralSyntaxError(offset: parser.position, message: "unexpected text after the header dictionary")
        }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func fail(_ message: String) -> PythonLiteralSyntaxError {
        PythonLiteralSyntaxError(offset: position, message: message)
    }

    private mutating func parseValue(depth: Int) throws -> PythonLiteral {
        guard depth < 32 else { throw fail("nesting deeper than 32 levels") }
        skipWhitespace()
        guard position < bytes.count else { throw fail("header ends where a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseDict(depth: depth)
        case UInt8(ascii: "("): return try parseSequence(close: UInt8(ascii: ")"), depth: depth)
        case UInt8(ascii: "["): return try parseSequence(close: UInt8(ascii: "]"), depth: depth)
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseInteger()
        default: return try parseName()
        }
    }

    private mutating func parseDict(depth: Int) throws -> PythonLiteral {
        position += 1
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw fail("dictionary is not closed with '}'") }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .dict(pairs) }
            let key = try parseValue(depth: depth + 1)
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':' after a dictionary key") }
            position += 1
            let value = try parseValue(depth: depth + 1)
            pairs.append((key, value))
            skipWhitespace()
            guard position < bytes.count else { throw fail("dictionary is not closed with '}'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            guard bytes[position] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in the dictionary") }
        }
    }

    private mutating func parseSequence(close: UInt8, depth: Int) throws -> PythonLiteral {
        let isTuple = close == UInt8(ascii: ")")
        position += 1
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw fail("'\(Character(UnicodeScalar(close)))' is missing") }
            if bytes[position] == close {
                position += 1
                // "(3)" is just 3 in Python, not a tuple; numpy always writes "(3,)".
                if isTuple && items.count == 1 && !sawComma { return items[0] }
                return isTuple ? .tuple(items) : .list(items)
            }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw fail("'\(Character(UnicodeScalar(close)))' is missing") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; sawComma = true; continue }
            guard bytes[position] == close else { throw fail("expected ',' or '\(Character(UnicodeScalar(close)))'") }
        }
    }

    private mutating func parseString() throws -> PythonLiteral {
        let quote = bytes[position]
        let start = position
        position += 1
        var content: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return .string(String(decoding: content, as: UTF8.self))
            }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { break }
                let escaped = bytes[position + 1]
                switch escaped {
                case UInt8(ascii: "n"): content.append(0x0A)
                case UInt8(ascii: "t"): content.append(0x09)
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): content.append(escaped)
                default: content.append(contentsOf: [byte, escaped])
                }
                position += 2
                continue
            }
            if byte == 0x0A { break }
            content.append(byte)
            position += 1
        }
        throw PythonLiteralSyntaxError(offset: start, message: "string literal is not closed")
    }

    private mutating func parseInteger() throws -> PythonLiteral {
        let start = position
        if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") { position += 1 }
        let digitsStart = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        // numpy under Python 2 wrote shapes like (3L, 4L); the L suffix is skipped.
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if position < bytes.count, bytes[position] == UInt8(ascii: "L") { position += 1 }
        guard position > digitsStart, let value = Int(text) else {
            throw PythonLiteralSyntaxError(offset: start, message: "'\(text)' is not an integer that fits in 64 bits")
        }
        return .integer(value)
    }

    private mutating func parseName() throws -> PythonLiteral {
        let start = position
        while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        switch name {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "None": return .none
        default:
            let shown = name.isEmpty ? String(decoding: [bytes[start]], as: UTF8.self) : name
            throw PythonLiteralSyntaxError(
                offset: start, message: "unexpected '\(shown)' (only strings, integers, True/False/None, tuples, lists and dicts are allowed)")
        }
    }

    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }
}
