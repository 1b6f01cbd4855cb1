import EEG
import Foundation
import IO
import XCTest

/// Saving with the subject and session targets (int64 class indices in `y`, key `target`) and loading back.
final class EEGTargetFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eeg-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// ML102_US (218 frames) and ML107_KS (246 frames).
    private func twoSessions() throws -> EEGDataset {
        let sessions = [EEGSession(subject: 2, eegClass: .unfamiliar), EEGSession(subject: 7, eegClass: .familiar)]
        return try EEGDataset.prepare(directory: TestData.require(), sessions: sessions)
    }

    func testSubjectAndSessionTargetsRoundTrip() throws {
        let dataset = try twoSessions()
        let url = folder.appendingPathComponent("eeg.npz")
        // Subject 2 is class 1, subject 7 class 6; ML102_US is session 3, ML107_KS session 12.
        for (target, first, last) in [(EEGTarget.subject, Int64(1), Int64(6)), (.session, 3, 12)] {
            try dataset.save(to: url, target: target)
            let arrays = try NPZ.read(from: url)
            XCTAssertEqual(Set(arrays.keys), ["x", "y", "subject", "session", "class", "start_time", "window_start", "window_length", "layout", "target"])
            XCTAssertEqual(arrays["y"]?.storage, .int64([Int64](repeating: first, count: 218) + [Int64](repeating: last, count: 246)))
            XCTAssertEqual(arrays["target"], NDArray(shape: [1], int64: [Int64(target.fileCode)]))
            let (loaded, loadedTarget) = try EEGDataset.loadWithTarget(from: url)
            XCTAssertEqual(loadedTarget, target)
            XCTAssertEqual(loaded.labels, dataset.labels, "labels stay the task's +1 / -1")
            XCTAssertEqual(loaded.images, dataset.images)
            XCTAssertEqual(loaded.subjects, dataset.subjects)
            XCTAssertEqual(loaded.classes, dataset.classes)
            XCTAssertEqual(loaded.fileIndices, dataset.fileIndices)
            XCTAssertEqual(loaded.windowStarts, dataset.windowStarts)
            XCTAssertEqual(target.classIndices(for: loaded), target.classIndices(for: dataset))
            XCTAssertEqual(try EEGDataset.load(from: url).labels, dataset.labels)
        }
        try dataset.save(to: url)
        XCTAssertEqual(try EEGDataset.loadWithTarget(from: url).target, .task)
    }

    func testInconsistentTargetFilesAreRejected() throws {
        let dataset = try twoSessions()
        let url = folder.appendingPathComponent("eeg.npz")
        try dataset.save(to: url, target: .subject)
        let arrays = try NPZ.readOrdered(from: url)
        func rewrite(_ key: String, _ array: NDArray) throws {
            try NPZ.write(arrays.map { $0.name == key ? (key, array) : $0 }, to: url)
        }
        var y = [Int64](repeating: 1, count: dataset.count)
        y[300] = 0
        try rewrite("y", NDArray(shape: [dataset.count], int64: y))
        XCTAssertThrowsError(try EEGDataset.load(from: url)) { error in
            guard case .malformedDataset(_, "y", let problem)? = error as? EEGError else { return XCTFail("\(error)") }
            XCTAssertTrue(problem.contains("entry 218"), problem)  // the first ML107 frame: class 6, not 1
        }
        try rewrite("target", NDArray(shape: [1], int64: [5]))
        XCTAssertThrowsError(try EEGDataset.load(from: url)) { error in
            guard case .malformedDataset(_, "target", _)? = error as? EEGError else { return XCTFail("\(error)") }
        }
    }
}
