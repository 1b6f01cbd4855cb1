/// How JSON text is laid out.
///
/// OneNeuron writes all of its JSON with this one small writer rather than Foundation's
/// `JSONEncoder`, because the results files have byte layouts that `JSONEncoder` cannot
/// produce: ", " and ": " between items, keys in the schema's order rather than sorted,
/// whole doubles without ".0", and NaN or infinity as null instead of an error. Results must
/// stay byte-identical across versions and resumes, so the layout is fixed here, once.
public enum JSONLayout: Sendable {
    /// One line, ", " and ": " between items: `{"run": 0, "seed": 1}` (JSON Lines records).
    case line
    /// A whole file: the top-level object's members one per line, indented by two spaces,
    /// each value as `.line`, and a final newline (config.json, history.json).
    case membersOnLines
    /// One line without spaces, "/" escaped as "\/": the bytes Foundation's `JSONEncoder`
    /// writes (the layout of outcome.json and checkpoint.json).
    case compact
}

/// Writes a `JSONValue` as text in one `JSONLayout`, object keys in their order or sorted.
struct JSONWriter {
    let layout: JSONLayout
    var sortedKeys = false

    func text(_ value: JSONValue) -> String {
        guard layout == .membersOnLines, case .object(let object) = value else { return inline(value) }
        let members = entries(object).map { "  " + quote($0.key) + ": " + inline($0.value) }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    private var comma: String { layout == .compact ? "," : ", " }
    private var colon: String { layout == .compact ? ":" : ": " }

    private func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.literal
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.map(inline).joined(separator: comma) + "]"
        case .object(let object):
            return "{" + entries(object).map { quote($0.key) + colon + inline($0.value) }.joined(separator: comma) + "}"
        }
    }

    private func entries(_ object: JSONObject) -> [(key: String, value: JSONValue)] {
        sortedKeys ? object.entries.sorted { $0.key < $1.key } : object.entries
    }

    /// A string literal: quotes, backslashes and control characters escaped (and "/" in `.compact`).
    func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where layout == .compact: out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}" where layout == .compact: out += "\\b"
            case "\u{C}" where layout == .compact: out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
