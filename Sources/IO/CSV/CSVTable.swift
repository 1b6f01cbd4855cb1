import Diagnostics
import Foundation

extension CSV {
    /// Writes a table atomically (see `AtomicFile`): the header line, then one line per row,
    /// "\n" line ends. Fields holding a comma, quote, CR or LF are quoted with inner quotes doubled
    /// (RFC 4180); so is an empty field in a one-column table. Every row must have `header.count` fields.
    public static func write(header: [String], rows: [[String]], to url: URL) throws {
        guard !header.isEmpty else {
            throw FileError(.emptyRow, file: url.path, at: .table(row: 1, column: nil), problem: "header has no columns", fix: "pass at least one column name")
        }
        var text = ""
        func appendLine(_ fields: [String]) {
            let singleEmpty = fields.count == 1 && fields[0].isEmpty
            text += singleEmpty ? "\"\"" : fields.map(quoted).joined(separator: ",")
            text += "\n"
        }
        appendLine(header)
        for (index, row) in rows.enumerated() {
            guard row.count == header.count else {
                throw FileError(
                    .raggedRow, file: url.path, at: .table(row: index + 2, column: min(row.count, header.count) + 1),
                    problem: "row \(index + 2) has \(row.count) fields but the header has \(header.count)",
                    fix: "give every row one field per header column")
            }
            appendLine(row)
        }
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    /// Reads an RFC 4180 table whose first record is the header. Quoted fields may hold commas,
    /// doubled quotes and line breaks; "\r\n" or "\n" end records; blank lines are skipped.
    /// Every row must have as many fields as the header (row numbers count the header as row 1).
    public static func readTable(from url: URL) throws -> (header: [String], rows: [[String]]) {
        let file = url.path
        let data = try contents(of: url)
        let records = try data.withUnsafeBytes { try parseRecords($0.bindMemory(to: UInt8.self), file: file) }
        guard let header = records.first else {
            throw FileError(
                .emptyFile, file: file, problem: "file is empty; a header line was expected",
                fix: "check that the file was written completely")
        }
        for record in records.dropFirst() where record.fields.count != header.fields.count {
            throw FileError(
                .raggedRow, file: file, at: .table(row: record.line, column: min(record.fields.count, header.fields.count) + 1),
                problem: "this row has \(record.fields.count) fields but the header has \(header.fields.count)",
                fix: "give every row one field per header column; quote fields that contain commas")
        }
        return (header.fields, records.dropFirst().map(\.fields))
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Records with the line each starts on (1-based).
    private static func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> [(line: Int, fields: [String])] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let n = bytes.count
        var position = (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
        var line = 1
        var records: [(line: Int, fields: [String])] = []
        while position < n {
            // Skip blank lines.
            if bytes[position] == newline { position += 1; line += 1; continue }
            if bytes[position] == cr && position + 1 < n && bytes[position + 1] == newline { position += 2; line += 1; continue }
            let recordLine = line
            var fields: [String] = []
            var column = 1
            while true {
                var field: [UInt8] = []
                if position < n && bytes[position] == quote {
                    let openLine = line
                    position += 1
                    while true {
                        guard position < n else {
                            throw FileError(
                                .unclosedQuote, file: file, at: .table(row: openLine, column: column),
                                problem: "quoted field is never closed", fix: "add the closing '\"' (inner quotes must be doubled: \"\")")
                        }
                        let b = bytes[position]
                        if b == quote {
                            if position + 1 < n && bytes[position + 1] == quote {
                                field.append(quote)
                                position += 2
                                continue
                            }
                            position += 1
                            break
                        }
                        if b == newline { line += 1 }
                        field.append(b)
                        position += 1
                    }
                    if position < n, bytes[position] != comma, bytes[position] != newline,
                        !(bytes[position] == cr && position + 1 < n && bytes[position + 1] == newline)
                    {
                        throw FileError(
                            .strayQuote, file: file, at: .table(row: line, column: column),
                            problem: "text follows the closing quote of a quoted field",
                            fix: "put the whole field inside the quotes and double any inner quotes (\"\")")
                    }
                } else {
                    let start = position
                    while position < n, case let b = bytes[position], b != comma, b != newline {
                        if b == cr && position + 1 < n && bytes[position + 1] == newline { break }
                        if b == quote {
                            throw FileError(
                                .strayQuote, file: file, at: .table(row: line, column: column),
                                problem: "quote inside the unquoted field '\(String(decoding: bytes[start..<position], as: UTF8.self))...'",
                                fix: "enclose the field in double quotes and double the inner quotes (\"\")")
                        }
                        position += 1
                    }
                    field.append(contentsOf: bytes[start..<position])
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if position < n && bytes[position] == comma {
                    position += 1
                    column += 1
                    continue
                }
                if position < n && bytes[position] == cr { position += 1 }
                if position < n { position += 1; line += 1 }
                break
            }
            records.append((recordLine, fields))
        }
        return records
    }
}
