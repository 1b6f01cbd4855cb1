/// A JSON number with the literal it was written as (so large integers display exactly).
public struct JSONNumber: Equatable, Sendable {
    public var value: Double
    public var literal: String

    public init(value: Double, literal: String) {
        self.value = value
        self.literal = literal
    }

    /// A whole number below 1e15 prints without a fraction (`3`, not `3.0`); any other number
    /// (and -0.0, to keep its sign) in Swift's shortest round-trip form (`0.5500685871056241`,
    /// `1e-05`, `-0.0`), which `JSONDecoder` reads back bit for bit. Nil when not finite.
    public init?(_ v: Double) {
        guard v.isFinite else { return nil }
        if v == v.rounded(), abs(v) < 1e15, !(v == 0 && v.sign == .minus) {
            self.init(value: v, literal: String(Int64(v)))
        } else {
            self.init(value: v, literal: "\(v)")
        }
    }

    /// Shortest round-trip form, a whole number without ".0" (as Foundation's JSONEncoder). Nil when not finite.
    public init?(_ v: Float) {
        guard v.isFinite else { return nil }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.init(value: Double(v), literal: text)
    }

    public init<I: BinaryInteger>(_ v: I) {
        self.init(value: Double(v), literal: String(v))
    }
}

/// A JSON value to write; objects keep their keys in order.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A number, or null when not finite (JSON has no NaN or infinity).
    public init(_ v: Double) {
        self = JSONNumber(v).map(JSONValue.number) ?? .null
    }

    /// Short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// One-line JSON text of the value (`{"key": value, ...}`, strings quoted).
    public var jsonText: String { JSONWriter(layout: .line).text(self) }

    /// Text for showing the value to a reader: strings unquoted, everything else as JSON.
    public var displayText: String {
        if case .string(let s) = self { return s }
        return jsonText
    }
}

/// A JSON object with its keys in order (a repeated key: the subscript gives its last value).
public struct JSONObject: Equatable, Sendable {
    public var entries: [(key: String, value: JSONValue)]

    public init(entries: [(key: String, value: JSONValue)] = []) {
        self.entries = entries
    }

    public subscript(key: String) -> JSONValue? {
        entries.last { $0.key == key }?.value
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
