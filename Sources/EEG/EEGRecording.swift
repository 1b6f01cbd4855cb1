import Diagnostics
import Foundation
import IO

/// One session's raw recording: `channelCount` rows (EEG channels) by `sampleCount` columns
/// (time samples at 128 Hz), read from a headerless comma-separated text file with IO's `CSV` parser.
public struct EEGRecording: Sendable {
    /// Channels per recording (Emotiv EPOC).
    public static let channelCount = 14
    /// Samples per second.
    public static let samplingRate = 128

    public let session: EEGSession
    public let sampleCount: Int
    /// Row-major values: `values[channel * sampleCount + sample]`.
    public let values: [Double]

    public init(session: EEGSession, sampleCount: Int, values: [Double]) {
        precondition(values.count == EEGRecording.channelCount * sampleCount, "values must hold 14 x sampleCount numbers")
        self.session = session
        self.sampleCount = sampleCount
        self.values = values
    }

    /// Reads `ML10<s>_<KS|US>.csv`; subject and class come from the file name.
    /// Throws `EEGError` naming the file, row and column of anything missing, truncated or malformed.
    public static func read(from url: URL) throws -> EEGRecording {
        let session = try EEGSession(fileName: url.lastPathComponent)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EEGError.missingFile(path: url.path, reason: (error as NSError).localizedDescription)
        }
        let matrix: (rows: Int, columns: Int, values: [Double])
        do {
            matrix = try data.withUnsafeBytes { raw in
                try CSV.parseMatrix(raw.bindMemory(to: UInt8.self), file: url.path)
            }
        } catch let error as FileError {
            throw EEGError.malformedCSV(error)
        }
        guard matrix.rows == channelCount else {
            throw EEGError.wrongRowCount(file: url.path, rows: matrix.rows, expected: channelCount)
        }
        return EEGRecording(session: session, sampleCount: matrix.columns, values: matrix.values)
    }

    /// The samples of one channel.
    public func channel(_ c: Int) -> ArraySlice<Double> {
        values[(c * sampleCount)..<((c + 1) * sampleCount)]
    }
}
