import Foundation

/// The one way OneNeuron reads and writes results JSON. Writing: `Codable` values through
/// `JSONValue`, laid out by `JSONWriter` (keys in schema order, which Foundation's `JSONEncoder`
/// does not keep). Reading: Foundation's `JSONDecoder`, which reads every double, float and 64-bit
/// integer back exactly (`FoundationJSONTests`).
public enum JSON {
    /// The text of `value` in `layout`, keys in the order the value encodes them.
    public static func encode<T: Encodable>(_ value: T, layout: JSONLayout = .line) throws -> String {
        text(try JSONValueEncoder.value(of: value), layout: layout)
    }

    /// The text of a versioned record or file: `"schema_version"` first, then the value's keys.
    public static func encode<T: SchemaVersioned>(_ value: T, layout: JSONLayout = .line) throws -> String {
        guard case .object(let object) = try JSONValueEncoder.value(of: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "a versioned file must hold an object"))
        }
        let version = (key: schemaVersionKey, value: JSONValue.number(JSONNumber(T.schemaVersion)))
        return text(.object(JSONObject(entries: [version] + object.entries)), layout: layout)
    }

    /// The text of a JSON value in `layout`, keys in their order.
    public static func text(_ value: JSONValue, layout: JSONLayout = .line) -> String {
        JSONWriter(layout: layout).text(value)
    }

    /// Reads a versioned value with Foundation's `JSONDecoder`; throws `SchemaVersionMismatch` when its
    /// version is not `T.schemaVersion`, else `DecodingError` (`JSONReadProblem` words it for a reader).
    public static func decode<T: SchemaVersioned>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        let found = try decoder.decode(SchemaVersionHeader.self, from: data).version
        guard found == T.schemaVersion else { throw SchemaVersionMismatch(found: found, expected: T.schemaVersion) }
        return try decoder.decode(type, from: data)
    }

    /// Reads one line of text (a JSON Lines record).
    public static func decode<T: SchemaVersioned>(_ type: T.Type, line: String) throws -> T {
        try decode(type, from: Data(line.utf8))
    }
}
