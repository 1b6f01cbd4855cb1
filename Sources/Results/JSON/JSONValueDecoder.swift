/// Reads a `Decodable` value from a `JSONValue`. Errors are Foundation's `DecodingError`s
/// whose description says what was expected and found ("must be an integer, found a string";
/// "is missing"), so `DecodingError.keyAndProblem` can name the key for the reader.
struct NodeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch(Any.self, "an object", value, codingPath) }
        return KeyedDecodingContainer(KeyedNodeReader<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Any].self, "an array", value, codingPath) }
        return UnkeyedNodeReader(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { SingleNodeReader(value: value, codingPath: codingPath) }

    /// Decodes `type` from `value`: scalars directly, anything else through its `init(from:)`.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [CodingKey]) throws -> T {
        if let scalar = try scalar(type, from: value, codingPath: codingPath) { return scalar }
        return try T(from: NodeDecoder(value: value, codingPath: codingPath))
    }

    private static func scalar<T>(_ type: T.Type, from value: JSONValue, codingPath: [CodingKey]) throws -> T? {
        switch type {
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch(type, "a string", value, codingPath) }
            return s as? T
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch(type, "true or false", value, codingPath) }
            return b as? T
        case is Double.Type:
            guard case .number(let n) = value else { throw mismatch(type, "a number", value, codingPath) }
            return n.value as? T
        case is Float.Type:
            guard case .number(let n) = value else { throw mismatch(type, "a number", value, codingPath) }
            return (Float(n.literal) ?? Float(n.value)) as? T
        case is Int.Type: return try integer(Int.self, value, codingPath) as? T
        case is Int64.Type: return try integer(Int64.self, value, codingPath) as? T
        case is UInt64.Type: return try integer(UInt64.self, value, codingPath) as? T
        case is Int32.Type: return try integer(Int32.self, value, codingPath) as? T
        case is UInt32.Type: return try integer(UInt32.self, value, codingPath) as? T
        case is UInt.Type: return try integer(UInt.self, value, codingPath) as? T
        case is Int16.Type: return try integer(Int16.self, value, codingPath) as? T
        case is UInt16.Type: return try integer(UInt16.self, value, codingPath) as? T
        case is Int8.Type: return try integer(Int8.self, value, codingPath) as? T
        case is UInt8.Type: return try integer(UInt8.self, value, codingPath) as? T
        default: return nil
        }
    }

    /// An integer written exactly, or as a whole number such as `3.0`.
    private static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ codingPath: [CodingKey]) throws -> I {
        guard case .number(let n) = value else { throw mismatch(type, "an integer", value, codingPath) }
        if let exact = I(n.literal) { return exact }
        if n.value.isFinite, n.value == n.value.rounded(), abs(n.value) < 9.0e15, let whole = I(exactly: n.value) { return whole }
        throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "must be an integer, found \(n.literal)"))
    }
}

/// The error for a value of the wrong type (`valueNotFound` for null).
private func mismatch(_ type: Any.Type, _ expected: String, _ found: JSONValue, _ codingPath: [CodingKey]) -> DecodingError {
    let context = DecodingError.Context(codingPath: codingPath, debugDescription: "must be \(expected), found \(found.typeName)")
    return found == .null ? .valueNotFound(type, context) : .typeMismatch(type, context)
}

struct KeyedNodeReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [CodingKey]

    var allKeys: [Key] { object.entries.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "is missing"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try NodeDecoder.decode(type, from: try value(key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(value: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try NodeDecoder(value: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { NodeDecoder(value: object["super"] ?? .null, codingPath: codingPath + [PlainKey("super")]) }

    func superDecoder(forKey key: Key) throws -> Decoder { NodeDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath + [key]) }
}

struct UnkeyedNodeReader: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [JSONValue], codingPath: [CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    private mutating func next() throws -> (JSONValue, [CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "has only \(items.count) items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [PlainKey(index: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try NodeDecoder.decode(type, from: value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try NodeDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try NodeDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder {
        let (value, path) = try next()
        return NodeDecoder(value: value, codingPath: path)
    }
}

struct SingleNodeReader: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try NodeDecoder.decode(type, from: value, codingPath: codingPath) }
}

extension DecodingError {
    /// "key \"a.b\" must be ...": the problem, naming the key path when there is one.
    public var keyAndProblem: String {
        let (path, problem): ([CodingKey], String)
        switch self {
        case .keyNotFound(let key, let context): (path, problem) = (context.codingPath + [key], context.debugDescription)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (path, problem) = (context.codingPath, context.debugDescription)
        @unknown default: return "\(self)"
        }
        guard !path.isEmpty else { return problem }
        let name = path.map { $0.intValue != nil ? $0.stringValue : "." + $0.stringValue }.joined().dropFirst(path[0].intValue == nil ? 1 : 0)
        return "key \"\(name)\" \(problem)"
    }
}
