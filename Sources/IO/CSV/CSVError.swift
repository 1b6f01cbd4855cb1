/// A CSV file that cannot be read or written: names the file, the 1-based row and column
/// (when the problem has one), the offending text and the fix:
/// `"<file>: row 3, column 7: <problem>. Fix: <fix>"`.
public struct CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case fileAccess, emptyFile, emptyRow, raggedRow, emptyField, notANumber, nonFinite, outOfRange
        case unclosedQuote, strayQuote, badDelimiter
    }

    public let kind: Kind
    public let file: String
    /// 1-based line of the file (rows are lines; in a table the header is row 1).
    public let row: Int?
    /// 1-based field within the row.
    public let column: Int?
    public let problem: String
    public let fix: String

    public init(_ kind: Kind, file: String, row: Int?, column: Int?, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem
        self.fix = fix
    }

    /// Where the problem is: `"<file>: row 3, column 7"`, or just the file when there is no row.
    public var location: String {
        var place = ""
        if let row { place += "row \(row)" }
        if let column { place += (place.isEmpty ? "" : ", ") + "column \(column)" }
        return place.isEmpty ? file : "\(file): \(place)"
    }

    public var description: String {
        "\(location): \(problem). Fix: \(fix)"
    }
}
