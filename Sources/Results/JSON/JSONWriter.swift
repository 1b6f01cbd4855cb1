/// How JSON text is laid out.
///
/// OneNeuron writes its results files with this one small writer rather than Foundation's
/// `JSONEncoder`, because `JSONEncoder` cannot produce their layout: keys in the schema's order
/// (`schema_version` first; `JSONEncoder` gives a dictionary's order, different in every process,
/// or sorted keys), ", " and ": " between items, and whole doubles without ".0" below 1e15
/// (`FoundationJSONTests`). Results must stay byte-identical across resumes, so the layout is
/// fixed here, once. Reading is Foundation's (`JSON.decode`).
public enum JSONLayout: Sendable {
    /// One line, ", " and ": " between items: `{"schema_version": 2, "run": 0}` (JSON Lines
    /// records, outcome.json, checkpoint.json).
    case line
    /// A whole file: the top-level object's members one per line, indented by two spaces,
    /// each value as `.line`, and a final newline (config.json, history.json).
    case membersOnLines
}

/// Writes a `JSONValue` as text in one `JSONLayout`, object keys in their order.
struct JSONWriter {
    let layout: JSONLayout

    func text(_ value: JSONValue) -> String {
        guard layout == .membersOnLines, case .object(let object) = value else { return inline(value) }
        let members = object.entries.map { "  " + quote($0.key) + ": " + inline($0.value) }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    private func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.literal
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.entries.map { quote($0.key) + ": " + inline($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A string literal: quotes, backslashes and control characters escaped.
    func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
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
