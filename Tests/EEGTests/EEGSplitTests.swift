import EEG
import XCTest

/// Split invariants on the real layout of the data: 16 sessions with the notebook's window counts.
final class EEGSplitTests: XCTestCase {
    struct Metadata {
        var files: [Int] = [], subjects: [Int] = [], starts: [Int] = [], lengths: [Int] = []
    }

    /// Frames of the 16 sessions (sample counts from SOURCE.md), without images.
    static let metadata: Metadata = {
        let samples = [15104, 14464, 14336, 14080, 14592, 13440, 13056, 13184, 13824, 14592, 14848, 17920, 15872, 15232, 15488, 15104]
        var m = Metadata()
        for (file, (session, t)) in zip(EEGSession.all, samples).enumerated() {
            for w in EEGWindowing.windows(sampleCount: t) {
                m.files.append(file); m.subjects.append(session.subject)
                m.starts.append(w.lowerBound); m.lengths.append(w.count)
            }
        }
        return m
    }()

    private func split(_ s: EEGSplit) throws -> (train: [Int], validation: [Int]) {
        let m = EEGSplitTests.metadata
        return try s.indices(fileIndices: m.files, subjects: m.subjects, windowStarts: m.starts, windowLengths: m.lengths)
    }

    func testRandomSplitIsTheNotebooks8020AndSeeded() throws {
        let n = EEGSplitTests.metadata.files.count
        XCTAssertEqual(n, 3642)
        let a = try split(.random(seed: 1))
        XCTAssertEqual(a.validation.count, 729)  // sklearn: ceil(0.2 * 3642)
        XCTAssertEqual(a.train.count, 2913)
        XCTAssertTrue(Set(a.train).isDisjoint(with: a.validation))
        XCTAssertEqual(Set(a.train).union(a.validation), Set(0..<n))
        XCTAssertEqual(a.train, a.train.sorted())
        let again = try split(.random(seed: 1))
        XCTAssertEqual(again.train, a.train)
        XCTAssertNotEqual(try split(.random(seed: 2)).validation, a.validation)
        XCTAssertEqual(try split(.random(fraction: 0.5, seed: 1)).validation.count, 1821)
        XCTAssertThrowsError(try split(.random(fraction: 0, seed: 1)))
        XCTAssertThrowsError(try split(.random(fraction: 1, seed: 1)))
    }

    func testSubjectSplitHoldsOutBothSessionsOfOneSubject() throws {
        let m = EEGSplitTests.metadata
        for subject in 1...8 {
            let s = try split(.subject(heldOut: subject))
            XCTAssertTrue(s.validation.allSatisfy { m.subjects[$0] == subject })
            XCTAssertTrue(s.train.allSatisfy { m.subjects[$0] != subject })
            XCTAssertEqual(s.train.count + s.validation.count, m.files.count)
            XCTAssertEqual(Set(s.validation.map { m.files[$0] }), [2 * (subject - 1), 2 * (subject - 1) + 1])  // KS and US
        }
        XCTAssertEqual(try split(.subject(heldOut: 1)).validation.count, 234 + 224)
        XCTAssertThrowsError(try split(.subject(heldOut: 9))) { XCTAssertTrue("\($0)".contains("subjects present: 1, 2, 3")) }
    }

    func testTimeSplitKeepsTheLastFifthWithASampleFreeGap() throws {
        let m = EEGSplitTests.metadata
        let s = try split(.time())
        XCTAssertTrue(Set(s.train).isDisjoint(with: s.validation))
        var gapTotal = 0
        for file in 0..<16 {
            let frames = (0..<m.files.count).filter { m.files[$0] == file }
            let train = s.train.filter { m.files[$0] == file }
            let validation = s.validation.filter { m.files[$0] == file }
            XCTAssertEqual(validation.count, Int((0.2 * Double(frames.count)).rounded()))
            XCTAssertEqual(validation, Array(frames.suffix(validation.count)), "validation is the session's last windows")
            XCTAssertEqual(train, Array(frames.prefix(train.count)), "training is the session's first windows")
            // No validation window shares a sample with a training window.
            for v in validation {
                for t in train {
                    let overlap = max(m.starts[v], m.starts[t]) < min(m.starts[v] + m.lengths[v], m.starts[t] + m.lengths[t])
                    XCTAssertFalse(overlap, "file \(file): windows at \(m.starts[t]) and \(m.starts[v]) share samples")
                }
            }
            // The gap: 2 windows (129 samples with a 64-sample hop reach 2 hops ahead).
            let gap = frames.count - train.count - validation.count
            XCTAssertEqual(gap, 2)
            gapTotal += gap
            // And the gap is minimal: the last gap window does overlap the first validation window.
            let lastGap = frames[train.count + 1]
            XCTAssertGreaterThan(m.starts[lastGap] + m.lengths[lastGap], m.starts[validation[0]])
        }
        XCTAssertEqual(s.train.count + s.validation.count + gapTotal, m.files.count)
        XCTAssertThrowsError(try split(.time(fraction: 1.2)))
    }

    func testMismatchedMetadataIsRejected() {
        XCTAssertThrowsError(try EEGSplit.time().indices(fileIndices: [0, 0], subjects: [1], windowStarts: [0, 64], windowLengths: [129, 129]))
    }
}
