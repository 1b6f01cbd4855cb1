import EEG
import Foundation
import XCTest

/// All 16 recordings through the whole pipeline: frame counts, labels, image mean and zero fraction
/// as the notebook gives them, in under 10 s.
final class PrepareAllSessionsTests: XCTestCase {
    func testAllSessionsMatchTheNotebook() throws {
        let data = try TestData.require()
        let fixture = try ReferenceFixture.load()
        let clock = ContinuousClock()
        var dataset: EEGDataset!
        let elapsed = try clock.measure { dataset = try EEGDataset.prepare(directory: data, layout: .notebook) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("prepared \(dataset.count) frames in \(String(format: "%.2f", seconds)) s: mean \(dataset.mean), zero fraction \(dataset.zeroFraction)")

        XCTAssertEqual(dataset.framesPerFile, [234, 224, 222, 218, 226, 208, 202, 204, 214, 226, 230, 278, 246, 236, 240, 234])
        XCTAssertEqual(dataset.framesPerFile, fixture.frame_counts)
        XCTAssertEqual(dataset.count, 3642)
        XCTAssertEqual(dataset.images.shape, [3642, 28, 28, 3])
        XCTAssertEqual(dataset.labels.filter { $0 == 1 }.count, 1814)
        XCTAssertEqual(dataset.labels.filter { $0 == -1 }.count, 1828)
        XCTAssertEqual(dataset.mean, 1.736, accuracy: 0.001)
        XCTAssertEqual(dataset.mean, fixture.layouts["notebook"]!.mean, accuracy: 1e-6)
        XCTAssertEqual(dataset.zeroFraction, fixture.layouts["notebook"]!.zero_fraction, accuracy: 1e-9)
        XCTAssertEqual(dataset.zeroFraction, 0.321, accuracy: 0.0005)
        XCTAssertLessThan(seconds, 10, "preparing all 16 files must take under 10 s (release build)")

        // Frame metadata: session, subject, class and window times line up.
        XCTAssertEqual(dataset.subjects.first, 1)
        XCTAssertEqual(dataset.subjects.last, 8)
        XCTAssertEqual(dataset.windowStarts.first, 64)
        XCTAssertEqual(dataset.windowStartSeconds.first, 0.5)
        XCTAssertEqual(dataset.windowLengths.first, 129)
        XCTAssertEqual(dataset.windowLengths[233], 128)  // last window of ML101_KS
        XCTAssertEqual(dataset.windowStarts[233], 15104 - 128)
        for i in 0..<dataset.count {
            let session = dataset.sessions[dataset.fileIndices[i]]
            XCTAssertEqual(session.subject, dataset.subjects[i])
            XCTAssertEqual(session.eegClass, dataset.classes[i])
            XCTAssertEqual(session.eegClass.label, dataset.labels[i])
        }
    }
}
