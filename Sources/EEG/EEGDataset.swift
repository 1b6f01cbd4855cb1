import Dispatch
import Foundation
import Tensor

/// The notebook's images of all sessions, with what each frame came from.
public struct EEGDataset: Sendable {
    /// `[N, 28, 28, 3]`, `[frame][y][x][plane]`, float32, unscaled (as the notebook).
    public var images: Tensor
    /// +1 familiar (KS), -1 unfamiliar (US).
    public var labels: [Float]
    /// Subject 1...8 of each frame.
    public var subjects: [Int]
    public var classes: [EEGClass]
    /// Index of the session file in `sessions` (the notebook's file order by default).
    public var fileIndices: [Int]
    /// First sample of each frame's window, and its sample count (129, the last 128).
    public var windowStarts: [Int]
    public var windowLengths: [Int]
    /// The sessions the frames came from, in file-index order.
    public let sessions: [EEGSession]
    public let layout: EEGImageLayout

    /// Number of frames.
    public var count: Int { labels.count }
    /// Window start in seconds.
    public var windowStartSeconds: [Double] { windowStarts.map { Double($0) / Double(EEGRecording.samplingRate) } }
    /// Frames per session file, in file-index order.
    public var framesPerFile: [Int] {
        var counts = [Int](repeating: 0, count: sessions.count)
        for f in fileIndices { counts[f] += 1 }
        return counts
    }
    /// Mean of all image values (accumulated in Double).
    public var mean: Double {
        images.scalars.reduce(0.0) { $0 + Double($1) } / Double(max(images.count, 1))
    }
    /// Fraction of image values exactly 0 (outside the electrodes' convex hull).
    public var zeroFraction: Double {
        Double(images.scalars.lazy.filter { $0 == 0 }.count) / Double(max(images.count, 1))
    }

    /// Reads the session CSVs from `directory` and builds every frame's image.
    /// Files are processed in parallel; the result does not depend on the thread count.
    public static func prepare(
        directory: URL, layout: EEGImageLayout = .notebook, sessions: [EEGSession] = EEGSession.all
    ) throws -> EEGDataset {
        let imager = try EEGImager()
        let urls = sessions.map { directory.appendingPathComponent($0.fileName) }
        var results = [Result<(EEGBandFeatures, [Float]), Error>?](repeating: nil, count: urls.count)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            DispatchQueue.concurrentPerform(iterations: urls.count) { i in
                slots.value[i] = Result { try prepareFile(urls[i], imager: imager, layout: layout) }
            }
        }
        var scalars: [Float] = []
        var dataset = EEGDataset(
            images: Tensor(shape: [0, imager.size, imager.size, 3]), labels: [], subjects: [], classes: [],
            fileIndices: [], windowStarts: [], windowLengths: [], sessions: sessions, layout: layout)
        for (i, result) in results.enumerated() {
            let (features, images) = try result!.get()
            let session = sessions[i]
            scalars += images
            for window in features.windows {
                dataset.labels.append(session.eegClass.label)
                dataset.subjects.append(session.subject)
                dataset.classes.append(session.eegClass)
                dataset.fileIndices.append(i)
                dataset.windowStarts.append(window.lowerBound)
                dataset.windowLengths.append(window.count)
            }
        }
        dataset.images = try Tensor(shape: [dataset.count, imager.size, imager.size, 3], scalars: scalars)
        return dataset
    }

    /// Band features and images of one file.
    static func prepareFile(_ url: URL, imager: EEGImager, layout: EEGImageLayout) throws -> (EEGBandFeatures, [Float]) {
        let recording = try EEGRecording.read(from: url)
        let minimum = EEGWindowing.hop + EEGWindowing.nominalLength
        guard recording.sampleCount >= minimum else {
            throw EEGError.tooShort(file: url.path, samples: recording.sampleCount, minimum: minimum)
        }
        let features = EEGBandFeatures(recording: recording)
        var images = [Float](repeating: 0, count: features.frameCount * imager.valuesPerImage)
        let perFrame = EEGRecording.channelCount * EEGBandFeatures.bandCount
        images.withUnsafeMutableBufferPointer { out in
            for frame in 0..<features.frameCount {
                let slice = features.values[(frame * perFrame)..<((frame + 1) * perFrame)]
                imager.render(slice, layout: layout, into: out, offset: frame * imager.valuesPerImage)
            }
        }
        return (features, images)
    }
}

/// Hands a buffer to `concurrentPerform`, whose iterations write disjoint elements.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
