import Foundation
import Lab
import Results
import XCTest

/// The lab run: the same bytes for any thread count, after an interruption, and when a study grows;
/// other settings refused.
final class LabRunnerTests: XCTestCase {
    private var folders: [URL] = []

    override func tearDownWithError() throws {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }

    private func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lab-tests-\(UUID().uuidString)")
        folders.append(url)
        return url
    }

    private func options(_ out: URL, starts: Int = 6, threads: Int = 1) throws -> LabOptions {
        var o = LabOptions(task: try LabTask(parsing: "relu-teacher:4,4"), starts: starts, out: out)
        o.threads = threads
        o.descent.maxIterations = 3000
        o.trajectoryStarts = 2
        return o
    }

    private func bytes(_ out: URL) throws -> Data { try Data(contentsOf: out.appendingPathComponent(LabFiles.records)) }

    func testThreadCountDoesNotChangeABit() throws {
        let one = folder(), two = folder()
        _ = try runLab(try options(one, threads: 1))
        let summary = try runLab(try options(two, threads: 2))
        XCTAssertEqual(try bytes(one), try bytes(two))
        XCTAssertEqual(summary.records.count, 12)
        XCTAssertEqual(summary.records.map(\.start), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        XCTAssertEqual(summary.records.map(\.arm), Array(repeating: [LabArm.plain, .neuron], count: 6).flatMap { $0 })
        // Trajectories only for the first two neuron starts.
        XCTAssertEqual(summary.records.filter { $0.trajectoryA != nil }.map(\.start), [0, 1])
        XCTAssertNil(summary.records[0].a)
        XCTAssertNotNil(summary.records[1].a)
    }

    func testResumeAfterATornLineGivesTheSameBytes() throws {
        let whole = folder(), cut = folder()
        _ = try runLab(try options(whole))
        let reference = try bytes(whole)
        // An interrupted run: the first 5 records and half of the 6th, as kill -9 can leave them.
        _ = try runLab(try options(cut, starts: 3))
        let text = String(decoding: try bytes(cut), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let torn = String(lines.removeLast().prefix(40))
        try Data((lines.joined(separator: "\n") + "\n" + torn).utf8).write(to: cut.appendingPathComponent(LabFiles.records))
        let summary = try runLab(try options(cut))
        XCTAssertEqual(summary.trained, 7)
        XCTAssertEqual(try bytes(cut), reference)
        // Rerunning a finished study trains nothing and changes nothing.
        XCTAssertEqual(try runLab(try options(cut)).trained, 0)
        XCTAssertEqual(try bytes(cut), reference)
    }

    func testOtherSettingsAndFewerStartsAreRefused() throws {
        let out = folder()
        _ = try runLab(try options(out, starts: 2))
        var other = try options(out, starts: 2)
        other.lambda = 0.5
        XCTAssertThrowsError(try runLab(other)) { error in
            XCTAssertTrue("\(error)".contains("other settings"), "\(error)")
        }
        _ = try runLab(try options(out, starts: 3))
        XCTAssertThrowsError(try runLab(try options(out, starts: 1))) { error in
            XCTAssertTrue("\(error)".contains("fewer"), "\(error)")
        }
    }

    func testBadOptionsAreNamed() throws {
        var o = try options(folder(), starts: 0)
        XCTAssertThrowsError(try runLab(o)) { XCTAssertTrue("\($0)".contains("starts must be at least 1"), "\($0)") }
        o.starts = 1
        o.lambda = -1
        XCTAssertThrowsError(try runLab(o)) { XCTAssertTrue("\($0)".contains("lambda must be a finite number"), "\($0)") }
    }

    func testReportIsWritten() throws {
        let out = folder()
        _ = try runLab(try options(out))
        let report = try writeLabReport(folder: out)
        let markdown = try String(contentsOf: report.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.contains("Wilson 95%"))
        XCTAssertTrue(markdown.contains("Fisher's exact test"))
        XCTAssertEqual(report.figures, ["fig_lab_success", "fig_lab_final_loss", "fig_lab_neuron_ab"])
        for name in report.figures {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name + ".png").path))
        }
    }

    func testRecordRoundTrip() throws {
        var record = LabRecord(
            arm: .neuron, start: 3, finalLoss: 0.025, objective: .nan, success: false, stopped: .maxIterations,
            iterations: 10, step: 0.05, restarts: 1, gradientNorm: 1e-3, a: 0.5, b: -1, wNorm: 2, diverging: true)
        record.trajectoryIterations = [0, 1]
        record.trajectoryA = [0, .infinity]
        record.trajectoryB = [0, 1]
        let line = try JSON.encode(record)
        XCTAssertEqual(
            line,
            "{\"schema_version\": 2, \"arm\": \"neuron\", \"start\": 3, \"final_loss\": 0.025, \"objective\": null, \"success\": false, \"stopped\": \"max-iterations\", \"iterations\": 10, \"step\": 0.05, \"restarts\": 1, \"gradient_norm\": 0.001, \"a\": 0.5, \"b\": -1, \"w_norm\": 2, \"diverging\": true, \"trajectory_iterations\": [0, 1], \"trajectory_a\": [0, null], \"trajectory_b\": [0, 1]}"
        )
        let back = try JSON.decode(LabRecord.self, line: line)
        XCTAssertEqual(back.stopped, .maxIterations)
        XCTAssertNil(back.objective)
        XCTAssertTrue(back.trajectoryA![1].isNaN)
        XCTAssertThrowsError(try JSON.decode(LabRecord.self, line: line.replacingOccurrences(of: "\"neuron\"", with: "\"augmented\"")))
    }
}
