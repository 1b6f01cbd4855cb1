import EEG
import Foundation
import IO
import XCTest

/// Preparing a few sessions, saving as .npz and loading back.
final class EEGDatasetFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eeg-npz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testSaveAndLoadRoundTrip() throws {
        let data = try TestData.require()
        let sessions = [EEGSession(subject: 2, eegClass: .unfamiliar), EEGSession(subject: 7, eegClass: .familiar)]
        let dataset = try EEGDataset.prepare(directory: data, layout: .bandMajor, sessions: sessions)
        XCTAssertEqual(dataset.framesPerFile, [218, 246])
        XCTAssertEqual(dataset.labels.prefix(1), [-1])
        XCTAssertEqual(dataset.labels.suffix(1), [1])
        let url = folder.appendingPathComponent("eeg.npz")
        for compressed in [false, true] {
            try dataset.save(to: url, compressed: compressed)
            let arrays = try NPZ.read(from: url)
            XCTAssertEqual(Set(arrays.keys), ["x", "y", "subject", "session", "class", "start_time", "window_start", "window_length", "layout"])
            XCTAssertEqual(arrays["x"]?.shape, [464, 28, 28, 3])
            XCTAssertEqual(arrays["start_time"]?.asDoubles().prefix(2), [0.5, 1.0])
            let loaded = try EEGDataset.load(from: url)
            XCTAssertEqual(loaded.images, dataset.images)
            XCTAssertEqual(loaded.labels, dataset.labels)
            XCTAssertEqual(loaded.subjects, dataset.subjects)
            XCTAssertEqual(loaded.classes, dataset.classes)
            XCTAssertEqual(loaded.fileIndices, dataset.fileIndices)
            XCTAssertEqual(loaded.windowStarts, dataset.windowStarts)
            XCTAssertEqual(loaded.windowLengths, dataset.windowLengths)
            XCTAssertEqual(loaded.layout, .bandMajor)
            XCTAssertEqual(Array(loaded.sessions.prefix(2)), sessions)
            XCTAssertEqual(try EEGSplit.time().indices(for: loaded).validation, try EEGSplit.time().indices(for: dataset).validation)
        }
    }

    func testLoadNamesAMissingKey() throws {
        let url = folder.appendingPathComponent("broken.npz")
        try NPZ.write([("x", NDArray(shape: [1, 2, 2, 3], float32: [Float](repeating: 0, count: 12)))], to: url)
        XCTAssertThrowsError(try EEGDataset.load(from: url)) { error in
            guard case .malformedDataset(_, let key, _)? = error as? EEGError else { return XCTFail("\(error)") }
            XCTAssertTrue(["subject", "session", "class", "layout", "y", "window_start", "window_length"].contains(key))
            XCTAssertTrue("\(error)".contains("missing"))
        }
    }

    func testMissingFolderNamesTheFile() {
        let nowhere = folder.appendingPathComponent("nothing-here")
        XCTAssertThrowsError(try EEGDataset.prepare(directory: nowhere)) { error in
            guard case .missingFile(let path, _)? = error as? EEGError else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("nothing-here/ML101_KS.csv"))
            XCTAssertTrue("\(error)".contains("one-neuron eeg fetch"))
        }
    }
}
