/// A `.npy` / `.npz` file that cannot be read or written. The description names the file,
/// where in it the problem is (byte offset, header field or archive entry) and how to fix it:
/// `"<file>: <location>: <problem>. Fix: <fix>"`.
public struct NDArrayIOError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for callers that branch on it.
    public enum Kind: String, Equatable, Sendable {
        case fileAccess, badMagic, unsupportedVersion, malformedHeader, unsupportedDType
        case fortranOrder, truncated, trailingData, badArchive, unsupportedCompression
        case checksumMismatch, duplicateName, invalidName
    }

    public let kind: Kind
    /// The file (or source label) being read or written.
    public let file: String
    /// Where in the file: "byte 8", "header field 'descr'", "entry 'x.npy' at byte 120", ...
    public let location: String
    public let problem: String
    public let fix: String

    public init(_ kind: Kind, file: String, location: String, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.location = location
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        "\(file): \(location): \(problem). Fix: \(fix)"
    }

    /// The same error seen from inside an archive: the location is prefixed with the entry name.
    func inEntry(_ entry: String, of archive: String) -> NDArrayIOError {
        NDArrayIOError(kind, file: archive, location: "entry '\(entry)', \(location)", problem: problem, fix: fix)
    }
}
