import Foundation
import GAN
import XCTest

/// Checkpoints: an arm stopped after a checkpoint and rerun ends with the bits of one never stopped.
final class GANResumeTests: XCTestCase {
    private var out: URL!

    override func setUp() {
        out = FileManager.default.temporaryDirectory.appendingPathComponent("gan-resume-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: out) }

    /// 14 steps of 3 batches an epoch (the order is reshuffled after a checkpoint), a record every 4 steps,
    /// a checkpoint every 6 (not a record step: the neuron's largest exponent since step 4 is carried).
    private func runner(_ folder: String, steps: Int = 14, stopAfter: Int? = nil, lines: Lines = Lines()) -> GANPairRunner {
        var base = GANConfig(task: .ring8, arm: .plain, seed: 4, steps: steps)
        base.logEvery = 4
        base.trainingSetSize = 300
        base.evaluationSamples = 200
        var r = GANPairRunner(base: base, arms: GANArm.allCases, out: out.appendingPathComponent(folder)) { lines.all.append($0) }
        r.checkpointEvery = 6
        r.stopAfter = stopAfter
        return r
    }

    private func files(_ folder: String, _ arm: GANArm) -> GANRunFiles {
        GANRunFiles(folder: GANPairRunner.folder(out.appendingPathComponent(folder), seed: 4, arm: arm))
    }

    /// result.json without its timing fields.
    private func resultWithoutTiming(_ url: URL) throws -> NSDictionary {
        var result = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        result["training_seconds"] = nil
        result["seconds_per_step"] = nil
        return result as NSDictionary
    }

    /// Stops both arms after step 8 (checkpoint at 6, records at 0, 4, 8), then resumes them.
    private func interrupt(_ folder: String) throws {
        XCTAssertThrowsError(try runner(folder, stopAfter: 8).run(seed: 4)) { XCTAssertTrue("\($0)".contains("stopped after step 8"), "\($0)") }
        var stopped = runner(folder, stopAfter: 8)
        stopped.arms = [.augmented]
        XCTAssertThrowsError(try stopped.run(seed: 4))
    }

    func testResumedRunHasTheBitsOfAnUninterruptedOne() throws {
        try runner("whole").run(seed: 4)
        try interrupt("resumed")
        for arm in GANArm.allCases {
            let f = files("resumed", arm)
            XCTAssertTrue(FileManager.default.fileExists(atPath: f.checkpoint.path), "\(arm)")
            XCTAssertEqual(try String(contentsOf: f.log, encoding: .utf8).split(separator: "\n").count, 3, "records 0, 4, 8")
            let saved = try GANCheckpoint.read(from: f.checkpoint)
            XCTAssertEqual(saved.state.step, 6)
            XCTAssertEqual(saved.state.largestExponent != nil, arm == .augmented)
        }
        let lines = Lines()
        try runner("resumed", lines: lines).run(seed: 4)
        XCTAssertEqual(lines.all.filter { $0.contains(": resumed from step 6") }.count, 2, "\(lines.all)")
        for arm in GANArm.allCases {
            let whole = files("whole", arm), resumed = files("resumed", arm)
            for (a, b) in [(whole.log, resumed.log), (whole.samples, resumed.samples), (whole.scatter, resumed.scatter)] {
                XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b), "\(arm) \(a.lastPathComponent)")
            }
            XCTAssertEqual(try resultWithoutTiming(whole.result), try resultWithoutTiming(resumed.result), "\(arm)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: resumed.checkpoint.path), "\(arm): the checkpoint outlived the run")
            XCTAssertFalse(FileManager.default.fileExists(atPath: whole.checkpoint.path), "\(arm)")
        }
    }

    /// Every part of the state survives checkpoint.npz and a restore, bit for bit.
    func testStateRoundTrip() throws {
        var config = GANConfig(task: .grid25, arm: .augmented, seed: 9, steps: 10)
        config.logEvery = 4
        config.trainingSetSize = 300
        config.evaluationSamples = 100
        var saved: GANTrainer.State?
        XCTAssertThrowsError(try GANTrainer(config: config).run(checkpointEvery: 6, stopAfter: 6, onCheckpoint: { saved = $0 }))
        let state = try XCTUnwrap(saved)
        XCTAssertEqual(state.driftHistory.a.count, 2)
        XCTAssertTrue(state.largestExponent!.isFinite, "steps 5 and 6 met an exponent")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let url = out.appendingPathComponent("checkpoint.npz")
        try GANCheckpoint(config: config, state: state).write(to: url)
        let read = try GANCheckpoint.read(from: url)
        XCTAssertEqual(read.config, config)
        XCTAssertTrue(read.state == state, "the state read back differs")
        let trainer = try GANTrainer(config: config)
        try trainer.restore(read.state)
        XCTAssertTrue(trainer.state(step: 6, seconds: state.trainingSeconds) == state, "the restored trainer's state differs")
        var other = config
        other.trainingSetSize = 400
        XCTAssertThrowsError(try GANTrainer(config: other).restore(state)) { XCTAssertTrue("\($0)".contains("batch order has 300 entries"), "\($0)") }
    }

    func testOtherSettingsOrACorruptCheckpointAreClearErrors() throws {
        try interrupt("stopped")
        let checkpoint = files("stopped", .plain).checkpoint
        XCTAssertThrowsError(try runner("stopped", steps: 20).run(seed: 4)) { error in
            let text = "\(error)"
            for part in [checkpoint.path, "steps: 14 there, 20 here", "rerun with the old settings", "another out"] {
                XCTAssertTrue(text.contains(part), "\(part) missing in: \(text)")
            }
        }
        let bytes = try Data(contentsOf: checkpoint)
        try bytes.prefix(bytes.count / 2).write(to: checkpoint)
        XCTAssertThrowsError(try runner("stopped").run(seed: 4)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot resume from \(checkpoint.path): "), "\(error)")
            XCTAssertTrue("\(error)".contains("delete it to start that arm again"), "\(error)")
        }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0xFF
        try flipped.write(to: checkpoint)
        XCTAssertThrowsError(try runner("stopped").run(seed: 4)) { XCTAssertTrue("\($0)".contains("CRC-32"), "\($0)") }
    }
}

/// Progress lines (the runner calls back on the test's thread).
final class Lines: @unchecked Sendable {
    var all: [String] = []
}
