import Diagnostics
import IO

/// Everything that can go wrong while reading, preparing or fetching the EEG recordings.
/// Each message names the file and position involved and says how to fix it (settings in the library's terms).
public enum EEGError: SettingsDescribed, Equatable {
    /// The file is not there (or cannot be read).
    case missingFile(path: String, reason: String)
    /// The file name does not follow `ML10<subject>_<KS|US>.csv`.
    case badFileName(String)
    /// The file is not a matrix of finite numbers (a value that is not a number, an empty or
    /// ragged row, NaN or infinity, ...): the CSV parser's error, naming file, row and column.
    case malformedCSV(FileError)
    /// The file holds the wrong number of rows (channels).
    case wrongRowCount(file: String, rows: Int, expected: Int)
    /// Too few samples to cut a single window after the dropped first one.
    case tooShort(file: String, samples: Int, minimum: Int)
    /// A download failed or the server answered with an error status.
    case downloadFailed(file: String, url: String, reason: String)
    /// The downloaded bytes do not hash to the expected git blob id.
    case blobMismatch(file: String, expected: String, actual: String, bytes: Int)
    /// Writing an output failed.
    case writeFailed(path: String, reason: String)
    /// A saved dataset (.npz) lacks a key or has an array of the wrong shape or content.
    case malformedDataset(file: String, key: String, problem: String)
    /// A split was asked for something the data cannot give.
    case invalidSplit(String)
    /// Electrode positions that cannot be triangulated (too few, duplicated or collinear),
    /// or a cocircular diagonal that does not apply.
    case invalidGeometry(String)

    public var message: Message {
        switch self {
        case .missingFile(let path, let reason):
            return "\(path): cannot read the file (\(reason)); pass the folder holding the 16 ML10s_KS/US.csv files (download them with `one-neuron eeg fetch`)"
        case .badFileName(let name):
            return "\(name): file name must look like ML10<subject 1-8>_<KS|US>.csv (KS = familiar skill, US = unfamiliar skill)"
        case .malformedCSV(let error):
            return "\(error.place): \(error.problem). Fix: the file is truncated or corrupt — fetch it again with `one-neuron eeg fetch`"
        case .wrongRowCount(let file, let rows, let expected):
            return "\(file): \(rows) rows found but \(expected) channel rows are expected; the file is truncated or corrupt — fetch it again"
        case .tooShort(let file, let samples, let minimum):
            return "\(file): only \(samples) samples per channel, at least \(minimum) are needed for one window after the dropped first one"
        case .downloadFailed(let file, let url, let reason):
            return "\(file): download from \(url) failed: \(reason); check the URL given as \(.downloadURL) and the network"
        case .blobMismatch(let file, let expected, let actual, let bytes):
            return "\(file): downloaded \(bytes) bytes hash to git blob \(actual) but \(expected) is expected; the source serves a different or damaged file, nothing was written"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write (\(reason)); check that the folder exists and is writable"
        case .malformedDataset(let file, let key, let problem):
            return "\(file): key '\(key)': \(problem); write the file again with `one-neuron eeg prepare`"
        case .invalidSplit(let reason):
            return "invalid split: \(reason)"
        case .invalidGeometry(let reason):
            return "invalid electrode geometry: \(reason)"
        }
    }
}
