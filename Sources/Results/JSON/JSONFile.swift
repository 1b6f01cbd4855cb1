import Foundation

/// Whole-file JSON reading with errors that name the file, line and column.
public enum JSONFile {
    /// The JSON object held by `url` (keys in file order); `fix` says what to do when it is missing.
    public static func readObject(_ url: URL, fix: String) throws -> JSONObject {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ResultsError(file: url.path, message: "not found or unreadable", fix: fix)
        }
        let bytes = [UInt8](data)
        do {
            guard case .object(let object) = try JSON.parse(bytes) else {
                throw ResultsError(file: url.path, line: 1, message: "must hold one JSON object", fix: "Write it as {\"key\": value, ...}")
            }
            return object
        } catch let error as JSONSyntaxError {
            let (line, column) = error.position(in: bytes)
            throw ResultsError(file: url.path, line: line, column: column, message: "malformed JSON: \(error.message)", fix: "Repair the file; it must be one JSON object")
        }
    }

    /// A `Decodable` value read from `url`; a syntax or schema problem names the file (and line and column).
    public static func read<T: Decodable>(_ type: T.Type, from url: URL, fix: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ResultsError(file: url.path, message: "not found or unreadable", fix: fix)
        }
        let bytes = [UInt8](data)
        do {
            return try JSON.decode(type, from: try JSON.parse(bytes))
        } catch let error as JSONSyntaxError {
            let (line, column) = error.position(in: bytes)
            throw ResultsError(file: url.path, line: line, column: column, message: "malformed JSON: \(error.message)", fix: fix)
        } catch let error as DecodingError {
            throw ResultsError(file: url.path, message: error.keyAndProblem, fix: fix)
        }
    }
}
