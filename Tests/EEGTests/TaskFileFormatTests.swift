import EEG
import Foundation
import IO
import XCTest

/// The task (binary) .npz has a fixed format, without the `target` key of the subject and session targets.
final class TaskFileFormatTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eeg-task-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A silent ML103_US recording (14 x 512 zeros: 6 frames of all-zero images, exact on any
    /// platform) pins every byte of the file: keys, order, dtypes, metadata.
    func testTaskFileBytesArePinned() throws {
        let line = [String](repeating: "0", count: 512).joined(separator: ",")
        let csv = [String](repeating: line, count: 14).joined(separator: "\n") + "\n"
        try csv.write(to: folder.appendingPathComponent("ML103_US.csv"), atomically: true, encoding: .utf8)
        let dataset = try EEGDataset.prepare(directory: folder, sessions: [EEGSession(subject: 3, eegClass: .unfamiliar)])
        XCTAssertEqual(dataset.count, 6)
        for (name, target) in [("default.npz", nil), ("task.npz", EEGTarget.task)] {
            let url = folder.appendingPathComponent(name)
            if let target { try dataset.save(to: url, target: target) } else { try dataset.save(to: url) }
            let bytes = try Data(contentsOf: url)
            XCTAssertEqual(bytes.count, 58822)
            XCTAssertEqual(SHA1.hex(bytes), "97ad13e946983fc979863a3126be35933f86d2a1")
        }
    }

    /// On real data: the task file keeps its keys in order, float32 `y` of +1 / -1, no `target`.
    func testTaskFileOfARealSessionKeepsItsKeysAndLabels() throws {
        let dataset = try EEGDataset.prepare(
            directory: TestData.require(), sessions: [EEGSession(subject: 1, eegClass: .familiar), EEGSession(subject: 1, eegClass: .unfamiliar)])
        let plain = folder.appendingPathComponent("plain.npz"), task = folder.appendingPathComponent("task.npz")
        try dataset.save(to: plain)
        try dataset.save(to: task, target: .task)
        XCTAssertEqual(try Data(contentsOf: plain), try Data(contentsOf: task))
        let arrays = try NPZ.readOrdered(from: task)
        XCTAssertEqual(arrays.map(\.name), ["x", "y", "subject", "session", "class", "start_time", "window_start", "window_length", "layout"])
        XCTAssertEqual(arrays[1].array.storage, .float32([Float](repeating: 1, count: 234) + [Float](repeating: -1, count: 224)))
        let (loaded, target) = try EEGDataset.loadWithTarget(from: task)
        XCTAssertEqual(target, .task)
        XCTAssertEqual(loaded.labels, dataset.labels)
    }
}
