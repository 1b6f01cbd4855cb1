import Foundation

/// Per window and channel: mean of |DFT|/n over the bins of each frequency band, exactly as the
/// notebook (no taper, bins `0..<n/2`, bin k at `k * 128 / n` Hz, band `(low, high]`).
public struct EEGBandFeatures: Sendable {
    /// Theta (4, 8], alpha (8, 12] and beta (12, 40] Hz.
    public static let bands: [(low: Double, high: Double)] = [(4, 8), (8, 12), (12, 40)]
    public static var bandCount: Int { bands.count }

    public let frameCount: Int
    /// `values[(frame * 14 + channel) * 3 + band]`.
    public let values: [Double]
    /// The sample range of each frame's window.
    public let windows: [Range<Int>]
    /// First sample of each window.
    public var windowStarts: [Int] { windows.map(\.lowerBound) }

    /// Computes the features of every notebook window of `recording`.
    public init(recording: EEGRecording) {
        let windows = EEGWindowing.windows(sampleCount: recording.sampleCount)
        let channels = EEGRecording.channelCount
        let bandCount = EEGBandFeatures.bandCount
        var values = [Double](repeating: 0, count: windows.count * channels * bandCount)
        var kernels: [Int: BandDFT] = [:]
        recording.values.withUnsafeBufferPointer { signal in
            for (frame, window) in windows.enumerated() {
                let n = window.count
                if kernels[n] == nil { kernels[n] = BandDFT(length: n) }
                let kernel = kernels[n]!
                for c in 0..<channels {
                    let base = signal.baseAddress! + c * recording.sampleCount + window.lowerBound
                    let out = (frame * channels + c) * bandCount
                    kernel.bandMeans(UnsafeBufferPointer(start: base, count: n)) { band, mean in
                        values[out + band] = mean
                    }
                }
            }
        }
        self.frameCount = windows.count
        self.values = values
        self.windows = windows
    }

    /// The 3 band values of one frame and channel.
    public func bands(frame: Int, channel: Int) -> ArraySlice<Double> {
        let start = (frame * EEGRecording.channelCount + channel) * EEGBandFeatures.bandCount
        return values[start..<(start + EEGBandFeatures.bandCount)]
    }
}

/// Exact DFT of only the bins a band needs, for one window length, with precomputed tables.
struct BandDFT {
    let length: Int
    /// For each band, the rows (indices into `bins`) of the bins whose frequency lies in (low, high].
    let bandRows: [[Int]]
    /// The needed bins k; the tables hold `cos(2 pi k t / n)` and `sin(...)` in this order.
    let bins: [Int]
    let cosTable: [Double]
    let sinTable: [Double]

    init(length n: Int) {
        length = n
        let rate = Double(EEGRecording.samplingRate)
        let binsPerBand = EEGBandFeatures.bands.map { band in
            (0..<(n / 2)).filter { k in
                let f = Double(k) * rate / Double(n)
                return f > band.low && f <= band.high
            }
        }
        let bins = Array(Set(binsPerBand.flatMap { $0 })).sorted()
        self.bins = bins
        bandRows = binsPerBand.map { members in members.map { bins.firstIndex(of: $0)! } }
        var cosTable = [Double](repeating: 0, count: bins.count * n)
        var sinTable = [Double](repeating: 0, count: bins.count * n)
        for (row, k) in bins.enumerated() {
            for t in 0..<n {
                let angle = 2 * Double.pi * Double((k * t) % n) / Double(n)
                cosTable[row * n + t] = cos(angle)
                sinTable[row * n + t] = sin(angle)
            }
        }
        self.cosTable = cosTable
        self.sinTable = sinTable
    }

    /// Calls `emit(band, mean of |X_k| / n over the band's bins)` for every band.
    func bandMeans(_ x: UnsafeBufferPointer<Double>, _ emit: (Int, Double) -> Void) {
        let n = length
        var magnitude = [Double](repeating: 0, count: bins.count)
        cosTable.withUnsafeBufferPointer { cosT in
            sinTable.withUnsafeBufferPointer { sinT in
                for row in 0..<bins.count {
                    var re = 0.0, im = 0.0
                    let cr = cosT.baseAddress! + row * n, sr = sinT.baseAddress! + row * n
                    for t in 0..<n {
                        re += x[t] * cr[t]
                        im -= x[t] * sr[t]
                    }
                    magnitude[row] = (re * re + im * im).squareRoot() / Double(n)
                }
            }
        }
        for (band, rows) in bandRows.enumerated() {
            var sum = 0.0
            for row in rows { sum += magnitude[row] }
            emit(band, rows.isEmpty ? .nan : sum / Double(rows.count))
        }
    }
}
