/// What is wrong with a file, for callers that branch on it.
public enum FileErrorKind: String, Equatable, Sendable {
    // Any file
    /// The file (or folder) is missing, unreadable or cannot be written.
    case fileAccess
    /// A write step (temporary file, flush, rename) failed.
    case writeFailed
    /// The file ends before the data it declares.
    case truncated
    /// The file holds bytes after the data it declares.
    case trailingData
    /// The file is damaged (fails its checks or cannot be opened as its format).
    case damaged
    // Text and tables (CSV, JSON)
    case emptyFile, emptyRow, raggedRow, emptyField, notANumber, nonFinite, outOfRange
    case unclosedQuote, strayQuote, badDelimiter
    /// Text that is not valid for the format (JSON syntax, a missing or mistyped key).
    case malformed
    /// A results file written with another schema version (or none).
    case schemaVersion
    // Arrays and archives (.npy, .npz, .keras)
    case badMagic, unsupportedVersion, malformedHeader, unsupportedDType, fortranOrder
    case badArchive, unsupportedCompression, checksumMismatch, duplicateName, invalidName
    // Keras weight files
    case notHDF5, notKerasLayout, unsupportedType, layerCount, variableCount, shapeMismatch
}
