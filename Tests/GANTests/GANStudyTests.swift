import Foundation
import GAN
import XCTest

final class GANStudyTests: XCTestCase {
    private func study(_ out: URL) -> GANStudy {
        var base = GANConfig(task: .ring8, arm: .plain, seed: 3, steps: 4)
        base.logEvery = 2
        base.trainingSetSize = 500
        base.evaluationSamples = 200
        return GANStudy(base: base, arms: GANArm.allCases, runs: 3, jobs: 2, threads: 2, out: out)
    }

    /// Paired seeds on two jobs, a rerun keeps every finished arm, and the report has its tables and figures.
    func testStudyResumesAndReports() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gan-study-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let s = study(out)
        XCTAssertEqual(s.seeds, [3, 4, 5])
        try s.run { _ in }
        let first = try GANStudyResults(folder: out)
        XCTAssertEqual(first.pairs.map(\.seed), [3, 4, 5])
        XCTAssertEqual(first.arm(.augmented).first?.log.map(\.step), [0, 2, 4])
        let lines = LockedLines()
        try s.run { lines.append($0) }
        XCTAssertEqual(lines.all.filter { $0.contains("finished earlier, kept") }.count, 6)
        let report = try String(contentsOf: try writeGANStudyReport(folder: out), encoding: .utf8)
        for text in ["Final metrics per arm", "Paired comparison", "Fisher", "## Power", "PacGAN plain", "curves.png", "neuron.png", "samples-seed-3-plain.png"]
        {
            XCTAssertTrue(report.contains(text), text)
        }
        // The time section: each arm's runs and the 3 seeds x 2 arms x 4 steps trained.
        for text in ["## Time", "- plain: 3 runs, ", "- augmented: 3 runs, ", " at 1 thread each, ", "the 24 steps trained here are "] {
            XCTAssertTrue(report.contains(text), text)
        }
    }

    /// Shard i of n takes every n-th seed; bad options are clear errors.
    func testShardsAndOptions() throws {
        var s = study(URL(fileURLWithPath: "/nonexistent"))
        s.shard = (2, 2)
        XCTAssertEqual(s.seeds, [4])
        s.shard = (3, 2)
        XCTAssertThrowsError(try s.validate()) { XCTAssertTrue("\($0)".contains("shard must be"), "\($0)") }
        s.shard = (1, 1)
        s.jobs = 0
        XCTAssertThrowsError(try s.validate()) { XCTAssertTrue("\($0)".contains("jobs must be"), "\($0)") }
        XCTAssertThrowsError(try GANStudyResults(folder: URL(fileURLWithPath: "/nonexistent"))) { XCTAssertTrue("\($0)".contains("no finished GAN run")) }
    }
}

/// Lines collected from several threads.
private final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
