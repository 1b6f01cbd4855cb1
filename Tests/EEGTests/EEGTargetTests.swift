import EEG
import Foundation
import XCTest

/// The task, subject and session targets on all 16 real sessions.
final class EEGTargetTests: XCTestCase {
    /// All 16 sessions, prepared once for the tests of this class.
    static let all: Result<EEGDataset, Error> = Result { try EEGDataset.prepare(directory: TestData.require()) }

    /// Frames per session file (SOURCE.md), ML101_KS, ML101_US, ..., ML108_US.
    static let framesPerFile = [234, 224, 222, 218, 226, 208, 202, 204, 214, 226, 230, 278, 246, 236, 240, 234]

    private func counts(_ target: EEGTarget, _ indices: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: target.classCount)
        for c in indices { counts[c] += 1 }
        return counts
    }

    func testClassCountsAndNames() {
        XCTAssertEqual(EEGTarget.allCases.map(\.classCount), [2, 8, 16])
        for target in EEGTarget.allCases { XCTAssertEqual(target.classNames.count, target.classCount) }
        XCTAssertEqual(EEGTarget.task.classNames, ["unfamiliar (US)", "familiar (KS)"])
        XCTAssertEqual(EEGTarget.subject.classNames.first, "ML101")
        XCTAssertEqual(EEGTarget.subject.classNames.last, "ML108")
        XCTAssertEqual(EEGTarget.session.classNames.map { $0 + ".csv" }, EEGSession.all.map(\.fileName))
        XCTAssertEqual(EEGTarget.allCases.map(\.fileCode), [0, 1, 2])
        XCTAssertEqual(EEGTarget.allCases.map { EEGTarget(fileCode: $0.fileCode) }, EEGTarget.allCases)
        XCTAssertNil(EEGTarget(fileCode: 3))
        XCTAssertEqual(EEGTarget(rawValue: "session"), .session)
    }

    func testFramesPerClassOfEveryTarget() throws {
        let dataset = try EEGTargetTests.all.get()
        let perFile = EEGTargetTests.framesPerFile
        XCTAssertEqual(dataset.framesPerFile, perFile)
        // Task: 0 unfamiliar (US, odd files), 1 familiar (KS, even files).
        let task = EEGTarget.task.classIndices(for: dataset)
        XCTAssertEqual(counts(.task, task), [1828, 1814])
        XCTAssertEqual(task.map { $0 == 1 ? Float(1) : -1 }, dataset.labels)
        // Subject: both sessions of a subject, e.g. ML101 = 234 + 224.
        let subject = EEGTarget.subject.classIndices(for: dataset)
        XCTAssertEqual(counts(.subject, subject), (0..<8).map { perFile[2 * $0] + perFile[2 * $0 + 1] })
        XCTAssertEqual(counts(.subject, subject), [458, 440, 434, 406, 440, 508, 482, 474])
        XCTAssertEqual(subject, dataset.subjects.map { $0 - 1 })
        // Session: the file index.
        let session = EEGTarget.session.classIndices(for: dataset)
        XCTAssertEqual(counts(.session, session), perFile)
        XCTAssertEqual(session, dataset.fileIndices)
    }

    func testTimeSplitHasEveryClassInTrainingAndValidation() throws {
        let dataset = try EEGTargetTests.all.get()
        let split = try EEGSplit.time().indices(for: dataset)
        for target in [EEGTarget.subject, .session] {
            XCTAssertNoThrow(try target.checkSplit(.time()))
            let classes = target.classIndices(for: dataset)
            let train = counts(target, split.train.map { classes[$0] })
            let validation = counts(target, split.validation.map { classes[$0] })
            XCTAssertTrue(train.allSatisfy { $0 > 0 }, "\(target): training counts \(train)")
            XCTAssertTrue(validation.allSatisfy { $0 > 0 }, "\(target): validation counts \(validation)")
        }
        // Session ML101_KS: 234 frames, the last round(0.2 * 234) = 47 validate, 2 gap windows.
        let session = EEGTarget.session.classIndices(for: dataset)
        XCTAssertEqual(split.validation.filter { session[$0] == 0 }.count, 47)
        XCTAssertEqual(split.train.filter { session[$0] == 0 }.count, 234 - 47 - 2)
    }

    func testSubjectSplitIsRejectedForSubjectAndSessionTargets() throws {
        for target in [EEGTarget.subject, .session] {
            XCTAssertThrowsError(try target.checkSplit(.subject(heldOut: 3))) { error in
                guard case .subjectSplitLosesClasses(target, heldOut: 3, _)? = error as? EEGError else { return XCTFail("\(error)") }
                let reason = "\(error)"
                XCTAssertTrue(reason.contains("ML103"), reason)
                XCTAssertTrue(reason.contains("time split"), reason)
            }
            XCTAssertNoThrow(try target.checkSplit(.random(seed: 1)))  // allowed, though it leaks
        }
        XCTAssertNoThrow(try EEGTarget.task.checkSplit(.subject(heldOut: 3)))
        XCTAssertNoThrow(try EEGTarget.task.checkSplit(.time()))
        // Why: the held-out subject's class never reaches training.
        let dataset = try EEGTargetTests.all.get()
        let classes = EEGTarget.subject.classIndices(for: dataset)
        let split = try EEGSplit.subject(heldOut: 3).indices(for: dataset)
        XCTAssertFalse(split.train.contains { classes[$0] == 2 })
        XCTAssertEqual(Set(split.validation.map { classes[$0] }), [2])
    }
}
