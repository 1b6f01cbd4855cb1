/// A file that cannot be read, written or matched to what it should hold: CSV, `.npy`/`.npz`,
/// Keras weight files, results files and atomic writes. Names the file, where in it the problem
/// is, what is wrong and how to fix it: `"<file>: <where>: <problem>. Fix: <fix>"`
/// (`"<file>: <problem>. Fix: <fix>"` when the problem concerns the whole file).
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let kind: FileErrorKind
    /// The file (or folder, or source label) concerned.
    public let file: String
    public let location: FileLocation
    public let problem: String
    public let fix: String

    public init(_ kind: FileErrorKind, file: String, at location: FileLocation = .wholeFile, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.location = location
        self.problem = problem
        self.fix = fix
    }

    /// The file and the place in it: `"t.csv: row 2, column 2"`, or just the file.
    public var place: String {
        let whereText = location.description
        return whereText.isEmpty ? file : "\(file): \(whereText)"
    }

    /// `"<file>: <where>: <problem>. Fix: <fix>"` (a problem's own final period is not doubled).
    public var description: String {
        let sentence = problem.hasSuffix(".") ? String(problem.dropLast()) : problem
        return "\(place): \(sentence). Fix: \(fix)"
    }

    /// The 1-based row or line of the problem, when it has one (also inside an archive entry).
    public var line: Int? { location.line }

    /// The 1-based column (field) of the problem, when it has one.
    public var column: Int? { location.column }

    /// The same error seen from inside an archive: the location is put inside entry `entry` of `archive`.
    public func inEntry(_ entry: String, of archive: String) -> FileError {
        FileError(kind, file: archive, at: .entry(entry, location), problem: problem, fix: fix)
    }
}
