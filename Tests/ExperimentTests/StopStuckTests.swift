import Diagnostics
import Experiment
import Foundation
import Results
import XCTest

/// `--stop-stuck N`: a training stuck N epochs in a row stops, is recorded as stuck with the epochs it ran,
/// resumes mid-streak to the same results, and the report says what the stops saved (or would have).
final class StopStuckTests: XCTestCase {
    /// A learning rate of 10 kills every ReLU of mlp:4 within the first epochs (stuck below dense_1).
    private func options(out: URL, data: URL) -> ExperimentOptions {
        var o = quickOptions(data: data, out: out)
        o.training.epochs = 30; o.training.model = .mlp(hidden: [4]); o.training.optimizer = .adam(learningRate: 10)
        return o
    }

    private func plainRuns(_ folder: URL) throws -> [RunRecord] {
        try JSONLinesFile<RunRecord>(url: folder.appendingPathComponent("runs.jsonl")).records.filter { $0.arm == .plain }
    }

    func testStuckTrainingsStopAfterTheStreakAndResumeToTheSameResults() throws {
        let dir = try temporaryFolder("stop-stuck")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data, samples: 200, features: 16, scale: 4)
        // Without the option: the plain runs are stuck to the end, and the report says what stopping would save.
        let full = options(out: dir.appendingPathComponent("full"), data: data)
        _ = try runExperiment(full, log: { _ in })
        let fullRuns = try plainRuns(full.out)
        XCTAssertTrue(fullRuns.allSatisfy { $0.status == .stuck && $0.epochs == 30 }, "\(fullRuns)")
        let fullReport = try String(contentsOf: full.out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(fullReport.contains("stopStuck 20 (stop after 20 stuck epochs in a row"), fullReport)

        var stopping = options(out: dir.appendingPathComponent("stopped"), data: data)
        stopping.stopStuckAfter = 5
        stopping.naming = SettingNaming { $0 == .stopStuck ? "--stop-stuck" : $0.name }
        XCTAssertEqual(stopping.configuration.settings.last?.key, "stop_stuck")
        _ = try runExperiment(stopping, log: { _ in })
        let stopped = try plainRuns(stopping.out)
        for (run, long) in zip(stopped, fullRuns) {
            XCTAssertEqual(run.status, .stuck)
            XCTAssertEqual(run.stuckSince, long.stuckSince)
            XCTAssertEqual(run.epochs, long.stuckSince! + 4, "stopped after 5 stuck epochs in a row")
            XCTAssertEqual(run.stuckLayer, long.stuckLayer)
        }
        let report = try String(contentsOf: stopping.out.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("--stop-stuck 5 stopped 2 stuck training(s)"), report)
        // Epochs the stops skipped: 30 - (stuck_since + 4) per stopped training; the report counts epochs, not seconds.
        let skipped = stopped.map { 30 - $0.epochs }.reduce(0, +)
        XCTAssertTrue(report.contains("): \(skipped) epochs not run of the "), report)
        let wouldSkip = fullRuns.map { 30 - min(30, $0.stuckSince! + 19) }.reduce(0, +)
        XCTAssertTrue(fullReport.contains("): \(wouldSkip) epochs not run"), fullReport)

        // A crash in the middle of a stuck streak: the resumed training counts the streak from its records.
        var crashing = stopping
        crashing.out = dir.appendingPathComponent("crashed")
        crashing.crashAfterEpochs = 3
        XCTAssertThrowsError(try runExperiment(crashing, log: { _ in }))
        crashing.crashAfterEpochs = nil
        _ = try runExperiment(crashing, log: { _ in })
        XCTAssertEqual(try resultBytes(crashing.out), try resultBytes(stopping.out))

        var invalid = stopping
        invalid.out = dir.appendingPathComponent("invalid"); invalid.stopStuckAfter = 0
        XCTAssertThrowsError(try runExperiment(invalid, log: { _ in })) { XCTAssertTrue("\($0)".contains("e.g. stopStuck 20"), "\($0)") }
    }
}
