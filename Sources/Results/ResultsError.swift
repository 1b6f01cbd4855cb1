/// A problem with a results folder or one of its files, naming the file, the position
/// (line and column, 1-based, when known) and what to do about it.
public struct ResultsError: Error, CustomStringConvertible, Equatable {
    /// Path of the file (or folder) concerned.
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String
    public let fix: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, fix: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message). \(fix)"
    }
}
