import Diagnostics
import Foundation

/// Whole-file JSON reading with errors that name the file, line and column.
public enum JSONFile {
    /// A versioned value read from `url`; a syntax, version or schema problem names the file
    /// (and line and column); `fix` says what to do when the file is missing or wrong.
    public static func read<T: SchemaVersioned>(_ type: T.Type, from url: URL, fix: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FileError(.fileAccess, file: url.path, problem: "not found or unreadable", fix: fix)
        }
        do {
            return try JSON.decode(type, from: data)
        } catch let mismatch as SchemaVersionMismatch {
            throw FileError(.schemaVersion, file: url.path, problem: mismatch.message, fix: SchemaVersionMismatch.fix)
        } catch {
            let problem = JSONReadProblem(error, in: data)
            throw FileError(.malformed, file: url.path, at: .text(line: problem.line, column: problem.column), problem: problem.message, fix: fix)
        }
    }
}
