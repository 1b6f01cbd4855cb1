import Foundation

/// One parsed line of a JSON Lines file.
struct JSONLine {
    let number: Int
    let object: JSONObject
}

/// Reads JSON Lines: one JSON object per line. Blank lines are skipped. A last line without
/// a terminating newline is a record torn by an interrupted writer and is ignored (reported
/// through `tornLine`). Any other line that is not a JSON object is an error naming the
/// file, line and column.
struct JSONLinesReader {
    let lines: [JSONLine]
    /// Line number of an ignored torn last line, if there was one.
    let tornLine: Int?

    init(url: URL) throws {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ResultsError(file: path, message: "cannot be read (\(error.localizedDescription))", fix: "Check that the file exists and is readable")
        }
        let bytes = [UInt8](data)
        var lines: [JSONLine] = []
        var lineStart = 0
        var lineNumber = 1
        var torn: Int?
        while lineStart < bytes.count {
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0a) else {
                if bytes[lineStart...].contains(where: { ![0x20, 0x09, 0x0d].contains($0) }) { torn = lineNumber }
                break
            }
            var end = newline
            if end > lineStart, bytes[end - 1] == 0x0d { end -= 1 }
            let slice = Array(bytes[lineStart..<end])
            if slice.contains(where: { ![0x20, 0x09].contains($0) }) {
                do {
                    let value = try JSONParser.parse(slice)
                    guard case .object(let object) = value else {
                        throw ResultsError(file: path, line: lineNumber, column: 1, message: "expected a JSON object, found \(value.typeName)",
                                           fix: "Each line must be one JSON object like {\"run\": 1, ...}")
                    }
                    lines.append(JSONLine(number: lineNumber, object: object))
                } catch let error as JSONSyntaxError {
                    throw ResultsError(file: path, line: lineNumber, column: error.offset + 1, message: "malformed JSON: \(error.message)",
                                       fix: "Repair or delete this line (each line must be one complete JSON object)")
                }
            }
            lineStart = newline + 1
            lineNumber += 1
        }
        self.lines = lines
        self.tornLine = torn
    }
}

/// Typed access to the fields of one JSON Lines record, with errors naming file, line and key.
struct RecordFields {
    let object: JSONObject
    let file: String
    let line: Int
    let expected: String

    func error(_ key: String, _ message: String) -> ResultsError {
        ResultsError(file: file, line: line, message: "key \"\(key)\" \(message)", fix: "Each record needs \(expected)")
    }

    private func present(_ key: String) throws -> JSONValue {
        guard let value = object[key] else { throw error(key, "is missing") }
        return value
    }

    func int(_ key: String) throws -> Int {
        guard let value = try optionalInt(key, required: true) else { throw error(key, "must be an integer, found null") }
        return value
    }

    /// An integer, or nil for null (and for a missing key unless `required`).
    func optionalInt(_ key: String, required: Bool = false) throws -> Int? {
        let value = required ? try present(key) : (object[key] ?? .null)
        switch value {
        case .null: return nil
        case .number(let n):
            if let exact = Int(n.literal) { return exact }
            if n.value.isFinite, n.value == n.value.rounded(), abs(n.value) < 9.0e15 { return Int(n.value) }
            throw error(key, "must be an integer, found \(n.literal)")
        default: throw error(key, "must be an integer, found \(value.typeName)")
        }
    }

    /// A number, or nil for null (non-finite values are written as null) or a missing optional key.
    func double(_ key: String, required: Bool = false) throws -> Double? {
        let value = required ? try present(key) : (object[key] ?? .null)
        switch value {
        case .null: return nil
        case .number(let n): return n.value.isFinite ? n.value : nil
        default: throw error(key, "must be a number or null, found \(value.typeName)")
        }
    }

    func bool(_ key: String) throws -> Bool? {
        let value = object[key] ?? .null
        switch value {
        case .null: return nil
        case .bool(let b): return b
        default: throw error(key, "must be true, false or null, found \(value.typeName)")
        }
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        let value = required ? try present(key) : (object[key] ?? .null)
        switch value {
        case .null:
            if required { throw error(key, "must be a string, found null") }
            return nil
        case .string(let s): return s
        default: throw error(key, "must be a string, found \(value.typeName)")
        }
    }

    func object(_ key: String) throws -> RecordFields? {
        let value = object[key] ?? .null
        switch value {
        case .null: return nil
        case .object(let inner): return RecordFields(object: inner, file: file, line: line, expected: expected)
        default: throw error(key, "must be an object or null, found \(value.typeName)")
        }
    }

    func arm() throws -> Arm {
        let text = try string("arm", required: true)!
        guard let arm = Arm(rawValue: text) else { throw error("arm", "must be \"plain\" or \"augmented\", found \"\(text)\"") }
        return arm
    }
}
