import EEG
import XCTest

final class SessionAndWindowTests: XCTestCase {
    func testSessionNamesAndLabels() throws {
        XCTAssertEqual(try EEGSession(fileName: "ML101_KS.csv"), EEGSession(subject: 1, eegClass: .familiar))
        XCTAssertEqual(try EEGSession(fileName: "/x/y/ML108_US.csv"), EEGSession(subject: 8, eegClass: .unfamiliar))
        XCTAssertEqual(EEGClass.familiar.label, 1)
        XCTAssertEqual(EEGClass.unfamiliar.label, -1)
        XCTAssertEqual(EEGSession.all.map(\.fileName).prefix(3), ["ML101_KS.csv", "ML101_US.csv", "ML102_KS.csv"])
        XCTAssertEqual(EEGSession.all.count, 16)
        XCTAssertEqual(Set(EEGSession.all.map(\.fileName)), Set(EEGSession.gitBlobIDs.keys))
        for bad in ["ML100_KS.csv", "ML101_XX.csv", "ML101-KS.csv", "ML101_KS.txt", "ML1011_KS.csv"] {
            XCTAssertThrowsError(try EEGSession(fileName: bad)) { XCTAssertEqual($0 as? EEGError, .badFileName(bad)) }
        }
    }

    func testNotebookWindows() {
        // T = 512: starts 0, 64, ..., 384; the first is dropped; the last holds 128 samples.
        let w = EEGWindowing.windows(sampleCount: 512)
        XCTAssertEqual(w.map(\.lowerBound), [64, 128, 192, 256, 320, 384])
        XCTAssertEqual(w.map(\.count), [129, 129, 129, 129, 129, 128])
        XCTAssertEqual(EEGWindowing.windows(sampleCount: 15104).count, 234)
        XCTAssertEqual(EEGWindowing.windows(sampleCount: 100).count, 0)
        XCTAssertEqual(EEGWindowing.windows(sampleCount: 160).count, 0)  // only the dropped start-0 window
    }

    func testBandFeaturesOfPureTones() {
        // A 10 Hz cosine of amplitude 2 in channel 0: for n = 128 all energy is in bin 10 (alpha),
        // |X_10| / n = 1, so alpha = 1 / 4 bins; theta and beta are 0. A constant has no band energy.
        let T = 384  // windows start 64, 128, 192, 256 (the last holds 128 samples)
        var values = [Double](repeating: 5, count: 14 * T)
        for t in 0..<T { values[t] = 2 * cos(2 * Double.pi * 10 * Double(t) / 128) }
        let features = EEGBandFeatures(recording: EEGRecording(session: EEGSession(subject: 1, eegClass: .familiar), sampleCount: T, values: values))
        XCTAssertEqual(features.frameCount, 4)
        let last = Array(features.bands(frame: 3, channel: 0))  // the 128-sample window
        XCTAssertEqual(last[0], 0, accuracy: 1e-12)
        XCTAssertEqual(last[1], 0.25, accuracy: 1e-12)
        XCTAssertEqual(last[2], 0, accuracy: 1e-12)
        for band in features.bands(frame: 0, channel: 5) { XCTAssertEqual(band, 0, accuracy: 1e-12) }
        // 129-sample windows leak into neighbouring bins but keep most energy in alpha.
        let first = Array(features.bands(frame: 0, channel: 0))
        XCTAssertGreaterThan(first[1], 5 * max(first[0], first[2]))
    }
}
