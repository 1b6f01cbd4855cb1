/// A Keras weight file (`.weights.h5`, `.keras`) that cannot be read, written or matched to a
/// model. The description names the file, the layer and variable (or HDF5 object) and the fix:
/// `"<file>: <location>: <problem>. Fix: <fix>"`.
public struct KerasFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for callers that branch on it.
    public enum Kind: String, Equatable, Sendable {
        case fileAccess, notHDF5, damaged, notKerasLayout, unsupportedType, badArchive
        case layerCount, variableCount, shapeMismatch
    }

    public let kind: Kind
    /// The file being read or written.
    public let file: String
    /// Where: "layer 'conv2d' (layers/conv2d), variable 0", "HDF5 object 'layers/x/vars/1'", "entry 'model.weights.h5'".
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

    public var description: String { "\(file): \(location): \(problem). Fix: \(fix)" }
}
