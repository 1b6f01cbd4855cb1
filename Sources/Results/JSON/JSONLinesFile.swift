import Diagnostics
import Foundation

/// A record type of a JSON Lines file, with what every record needs (for error messages).
public protocol JSONLinesRecord: SchemaVersioned {
    /// The keys a record must have, as told to a user whose file lacks them.
    static var expectedKeys: String { get }
}

/// A JSON Lines file read into records: one JSON object per line, each starting with its
/// `schema_version` (a line of another version is an error naming the file and line). Blank lines are skipped. A
/// last line without a terminating newline is a record torn by an interrupted writer and is
/// ignored (reported through `tornLine`). Any other line that is not a valid record is an error
/// naming the file, line and column (or key).
public struct JSONLinesFile<Record: JSONLinesRecord> {
    /// One record with its 1-based line number and its text (without the line end).
    public struct Line {
        /// 1-based line number.
        public let number: Int
        /// The line as written, without its line end (copied verbatim when files are assembled).
        public let text: String
        public let record: Record
    }

    public let lines: [Line]
    /// Line number of an ignored torn last line, if there was one.
    public let tornLine: Int?

    /// The records alone, in file order.
    public var records: [Record] { lines.map(\.record) }

    public init(url: URL) throws {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FileError(
                .fileAccess, file: path, problem: "cannot be read (\(error.localizedDescription))", fix: "Check that the file exists and is readable")
        }
        let bytes = [UInt8](data)
        var lines: [Line] = []
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
                let record = try Self.record(slice, file: path, line: lineNumber)
                lines.append(Line(number: lineNumber, text: String(decoding: slice, as: UTF8.self), record: record))
            }
            lineStart = newline + 1
            lineNumber += 1
        }
        self.lines = lines
        self.tornLine = torn
    }

    private static func record(_ bytes: [UInt8], file: String, line: Int) throws -> Record {
        let data = Data(bytes)
        do {
            return try JSON.decode(Record.self, from: data)
        } catch let mismatch as SchemaVersionMismatch {
            throw FileError(.schemaVersion, file: file, at: .line(line, column: nil), problem: mismatch.message, fix: SchemaVersionMismatch.fix)
        } catch {
            let problem = JSONReadProblem(error, in: data)
            let fix = problem.isSyntax ? "Repair or delete this line (each line must be one complete JSON object)" : "Each record needs \(Record.expectedKeys)"
            throw FileError(.malformed, file: file, at: .text(line: line, column: problem.column), problem: problem.message, fix: fix)
        }
    }
}
