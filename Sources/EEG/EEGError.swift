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
    /// A subject split for a target whose classes the held-out subject takes with it (`lost`).
    case subjectSplitLosesClasses(target: EEGTarget, heldOut: Int, lost: String)
    /// The frames' metadata arrays differ in length.
    case splitMetadataMismatch(fileIndices: Int, subjects: Int, starts: Int, lengths: Int)
    /// A subject split holding out a subject without frames.
    case noFramesOfSubject(Int, present: String)
    /// A time split that leaves a session file without training or validation frames.
    case sessionTooShortForTimeSplit(file: Int, frames: Int, fraction: Double)
    /// Fewer electrode values than points (or more).
    case valueCountMismatch(values: Int, points: Int)
    /// Fewer than 3 electrode positions.
    case tooFewPoints(Int)
    /// An electrode position that is not finite.
    case nonFinitePoint(index: Int, point: SIMD2<Double>)
    /// Two electrodes at the same position.
    case duplicatePoints(Int, Int, at: SIMD2<Double>)
    /// Every electrode on one line.
    case collinearPoints(Int)
    /// A preferred diagonal that is not an edge of a cocircular polygon of the points.
    case diagonalNotAnEdge(Int, Int)

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
            return
                "\(file): downloaded \(bytes) bytes hash to git blob \(actual) but \(expected) is expected; the source serves a different or damaged file, nothing was written"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write (\(reason)); check that the folder exists and is writable"
        case .malformedDataset(let file, let key, let problem):
            return "\(file): key '\(key)': \(problem); write the file again with `one-neuron eeg prepare`"
        case .subjectSplitLosesClasses(let target, let heldOut, let lost):
            return
                "invalid split: the \(target.rawValue) target cannot be split by subject: holding out subject \(heldOut) validates on \(lost), never seen in training; use the time split (the last part of every session validates)"
        case .splitMetadataMismatch(let n, let subjects, let starts, let lengths):
            return "invalid split: metadata arrays differ in length (\(n) file indices, \(subjects) subjects, \(starts) starts, \(lengths) lengths)"
        case .noFramesOfSubject(let heldOut, let present):
            return "invalid split: no frames of subject \(heldOut); subjects present: \(present)"
        case .sessionTooShortForTimeSplit(let file, let frames, let fraction):
            return "invalid split: session file \(file) has \(frames) frames: a time fraction of \(fraction) leaves no training or no validation frames"
        case .valueCountMismatch(let values, let points):
            return "invalid electrode geometry: \(values) values given for \(points) points"
        case .tooFewPoints(let n):
            return "invalid electrode geometry: \(n) points given, at least 3 are needed"
        case .nonFinitePoint(let i, let point):
            return "invalid electrode geometry: point \(i) is not finite: \(point)"
        case .duplicatePoints(let j, let i, let point):
            return "invalid electrode geometry: points \(j) and \(i) are both at \(point)"
        case .collinearPoints(let n):
            return "invalid electrode geometry: all \(n) points lie on one line"
        case .diagonalNotAnEdge(let a, let b):
            return "invalid electrode geometry: preferred diagonal (\(a), \(b)) is not an edge: it does not lie in a cocircular polygon of these points"
        }
    }
}
