import Foundation

/// The one way OneNeuron reads and writes JSON: `Codable` values through `JSONValue`, written
/// by `JSONWriter` in a fixed `JSONLayout` and read by the strict `JSONParser` (which keeps
/// key order and reports the byte offset of a syntax error).
public enum JSON {
    /// The text of `value` in `layout`, keys in the order the value encodes them (or sorted).
    public static func encode<T: Encodable>(_ value: T, layout: JSONLayout = .line, sortedKeys: Bool = false) throws -> String {
        text(try JSONValueEncoder.value(of: value), layout: layout, sortedKeys: sortedKeys)
    }

    /// The text of a JSON value in `layout`, keys in their order (or sorted).
    public static func text(_ value: JSONValue, layout: JSONLayout = .line, sortedKeys: Bool = false) -> String {
        JSONWriter(layout: layout, sortedKeys: sortedKeys).text(value)
    }

    /// Parses one JSON value; throws `JSONSyntaxError` with the byte offset of a problem.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONParser.parse(bytes)
    }

    /// Reads a value from parsed JSON; throws `DecodingError` (see `DecodingError.keyAndProblem`).
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try NodeDecoder.decode(type, from: value, codingPath: [])
    }

    /// Parses and reads a value; throws `JSONSyntaxError` or `DecodingError`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: try parse([UInt8](data)))
    }

    /// Parses and reads one line of text (a JSON Lines record).
    public static func decode<T: Decodable>(_ type: T.Type, line: String) throws -> T {
        try decode(type, from: try parse(Array(line.utf8)))
    }
}
