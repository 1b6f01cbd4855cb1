import Diagnostics
import Foundation

/// Comma-separated text files: headerless numeric matrices (`readMatrix`) and string tables
/// with a header row (`readTable` / `write`, RFC 4180 quoting).
public enum CSV {
    /// Reads a headerless matrix of finite numbers, one row per line, parsing bytes directly.
    /// Spaces and tabs around a value are allowed; "\r\n" line ends and a UTF-8 byte-order mark too;
    /// blank lines are allowed only at the end. Every row must have the same number of values.
    /// Errors name the file, 1-based row (line) and column, the offending text and the fix.
    public static func readMatrix(from url: URL, delimiter: Character = ",") throws -> (rows: Int, columns: Int, values: [Double]) {
        let file = url.path
        let separator = try delimiterByte(delimiter, file: file)
        let data = try contents(of: url)
        return try data.withUnsafeBytes { raw in
            try CSVMatrixParser(bytes: raw.bindMemory(to: UInt8.self), separator: separator, file: file).parse()
        }
    }

    /// Parses a headerless matrix held in memory, with the rules of `readMatrix`; `file` names
    /// the source in errors. This is the one matrix parser: the EEG recordings are read with it.
    public static func parseMatrix(_ bytes: UnsafeBufferPointer<UInt8>, file: String, delimiter: Character = ",") throws(FileError) -> (
        rows: Int, columns: Int, values: [Double]
    ) {
        try CSVMatrixParser(bytes: bytes, separator: delimiterByte(delimiter, file: file), file: file).parse()
    }

    /// The bytes of `url`; a `FileError` (`.fileAccess`) naming the file when it cannot be read.
    static func contents(of url: URL) throws(FileError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw FileError(
                .fileAccess, file: url.path,
                problem: "cannot read it (\(error.localizedDescription))", fix: "check that the path exists and is readable")
        }
    }

    static func delimiterByte(_ delimiter: Character, file: String) throws(FileError) -> UInt8 {
        guard let ascii = delimiter.asciiValue, !"\"\r\n0123456789.+-eE".contains(delimiter) else {
            throw FileError(
                .badDelimiter, file: file,
                problem: "delimiter '\(delimiter)' cannot be used (it must be one ASCII character that is not a quote, newline, digit, sign, '.' or 'e')",
                fix: "pass delimiter: \",\", \";\" or \"\\t\"")
        }
        return ascii
    }
}
