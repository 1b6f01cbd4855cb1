import Experiment
import Foundation
import XCTest

/// A real `kill -9` of the `one-neuron` process in the middle of an experiment, then a rerun of
/// the same command: the results must equal, byte for byte, those of an uninterrupted run.
final class KillTests: XCTestCase {
    private var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("one-neuron")
    }

    private func command(data: URL, out: URL) -> Process {
        let p = Process()
        p.executableURL = binary
        p.arguments = [
            "experiment", "--data", data.path, "--runs", "1", "--epochs", "30", "--model", "mlp:256,128",
            "--optimizer", "adam:0.001", "--batch-size", "64", "--checkpoint-every", "3", "--threads", "1", "--quiet", "--out", out.path
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }

    func testKill9ThenRerunEndsByteIdentical() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return XCTFail("\(binary.path) not built; run `swift build -c release --build-tests` first")
        }
        let dir = try temporaryFolder("kill")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data, samples: 2000, features: 256)
        let straight = dir.appendingPathComponent("straight"), killed = dir.appendingPathComponent("killed")
        let first = command(data: data, out: straight)
        try first.run(); first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)

        let victim = command(data: data, out: killed)
        try victim.run()
        let epochs = killed.appendingPathComponent("trainings/run0-plain/epochs.jsonl")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = (try? String(contentsOf: epochs, encoding: .utf8))?.split(separator: "\n").count ?? 0
            if lines >= 7 { break }
            usleep(2_000)
        }
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        XCTAssertEqual(victim.terminationReason, .uncaughtSignal, "the run finished before it could be killed")
        let finished = (try? String(contentsOf: killed.appendingPathComponent("runs.jsonl"), encoding: .utf8))?.split(separator: "\n").count ?? 0
        XCTAssertLessThan(finished, 2, "killed before both trainings finished")

        let rerun = command(data: data, out: killed)
        try rerun.run(); rerun.waitUntilExit()
        XCTAssertEqual(rerun.terminationStatus, 0)
        XCTAssertEqual(try resultBytes(killed), try resultBytes(straight))
    }
}
