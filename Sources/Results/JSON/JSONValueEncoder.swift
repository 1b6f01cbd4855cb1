/// Turns an `Encodable` value into a `JSONValue`, object keys in the order the value encodes
/// them (so a type's `encode(to:)` fixes its file's key order). Non-finite numbers become null.
enum JSONValueEncoder {
    static func value<T: Encodable>(of value: T) throws -> JSONValue {
        if let scalar = scalarValue(value) { return scalar }
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node, codingPath: []))
        return node.value
    }

    /// The JSON of a number, string or boolean (nil for anything else).
    static func scalarValue(_ value: Any) -> JSONValue? {
        switch value {
        case let v as String: return .string(v)
        case let v as Bool: return .bool(v)
        case let v as Double: return JSONValue(v)
        case let v as Float: return JSONNumber(v).map(JSONValue.number) ?? .null
        case let v as Int: return .number(JSONNumber(v))
        case let v as Int64: return .number(JSONNumber(v))
        case let v as UInt64: return .number(JSONNumber(v))
        case let v as Int32: return .number(JSONNumber(v))
        case let v as UInt32: return .number(JSONNumber(v))
        case let v as UInt: return .number(JSONNumber(v))
        case let v as Int16: return .number(JSONNumber(v))
        case let v as UInt16: return .number(JSONNumber(v))
        case let v as Int8: return .number(JSONNumber(v))
        case let v as UInt8: return .number(JSONNumber(v))
        default: return nil
        }
    }
}

/// One value being encoded: empty, a scalar, an object or an array.
final class EncodingNode {
    enum Slot {
        case value(JSONValue)
        case node(EncodingNode)

        var value: JSONValue {
            switch self {
            case .value(let v): return v
            case .node(let n): return n.value
            }
        }
    }

    private enum Content {
        case empty, scalar(JSONValue), object([(key: String, slot: Slot)]), array([Slot])
    }

    private var content = Content.empty

    var value: JSONValue {
        switch content {
        case .empty: return .object(JSONObject())
        case .scalar(let v): return v
        case .object(let members): return .object(JSONObject(entries: members.map { ($0.key, $0.slot.value) }))
        case .array(let items): return .array(items.map(\.value))
        }
    }

    func set(_ value: JSONValue) { content = .scalar(value) }

    func makeObject() { if case .object = content {} else { content = .object([]) } }
    func makeArray() { if case .array = content {} else { content = .array([]) } }

    /// Sets a member (a repeated key replaces the earlier value in place).
    func set(_ slot: Slot, forKey key: String) {
        guard case .object(var members) = content else { content = .object([(key, slot)]); return }
        content = .empty
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].slot = slot } else { members.append((key, slot)) }
        content = .object(members)
    }

    func append(_ slot: Slot) {
        guard case .array(var items) = content else { content = .array([slot]); return }
        content = .empty
        items.append(slot)
        content = .array(items)
    }

    var count: Int {
        if case .array(let items) = content { return items.count }
        return 0
    }
}

/// Encodes one value into a slot: scalars directly, anything else through a child node.
private func slot<T: Encodable>(for value: T, codingPath: [CodingKey]) throws -> EncodingNode.Slot {
    if let scalar = JSONValueEncoder.scalarValue(value) { return .value(scalar) }
    let child = EncodingNode()
    try value.encode(to: NodeEncoder(node: child, codingPath: codingPath))
    return .node(child)
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.set(.value(.null), forKey: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(try slot(for: value, codingPath: codingPath + [key]), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        node.set(.node(child), forKey: key.stringValue)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = EncodingNode()
        node.set(.node(child), forKey: key.stringValue)
        return NodeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { childEncoder(PlainKey("super")) }

    mutating func superEncoder(forKey key: Key) -> Encoder { childEncoder(key) }

    private func childEncoder(_ key: CodingKey) -> Encoder {
        let child = EncodingNode()
        node.set(.node(child), forKey: key.stringValue)
        return NodeEncoder(node: child, codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.append(.value(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try slot(for: value, codingPath: codingPath + [PlainKey(index: count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode(), path = codingPath + [PlainKey(index: count)]
        node.append(.node(child))
        return NodeEncoder(node: child, codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = EncodingNode(), path = codingPath + [PlainKey(index: count)]
        node.append(.node(child))
        return NodeEncoder(node: child, codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        let child = EncodingNode(), path = codingPath + [PlainKey(index: count)]
        node.append(.node(child))
        return NodeEncoder(node: child, codingPath: path)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        switch try slot(for: value, codingPath: codingPath) {
        case .value(let v): node.set(v)
        case .node(let child): node.set(child.value)
        }
    }
}

/// A coding key outside a type's own keys: an array element ("[3]") or "super".
struct PlainKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ name: String) { stringValue = name; intValue = nil }
    init(index: Int) { stringValue = "[\(index)]"; intValue = index }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}
