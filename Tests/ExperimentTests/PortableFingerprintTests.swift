import Foundation
import XCTest

/// Portable mode (oneDNN capped at AVX2) gives the same bits on every x86-64 machine: a short EEG
/// experiment's result files must hash to the fingerprint committed in
/// Fixtures/portable-fingerprint.txt (made by scripts/portable-fingerprint.sh --update). Every CI
/// run on a new machine checks it. Runs the `one-neuron` binary in a child process, because the ISA
/// cap must come before the first oneDNN call and this test process has made many.
final class PortableFingerprintTests: XCTestCase {
    /// Kept in step with scripts/portable-fingerprint.sh.
    static let arguments = ["experiment", "--runs", "1", "--epochs", "3", "--neuron-init", "zero-w", "--portable", "--quiet"]

    private var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("one-neuron")
    }

    private var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/portable-fingerprint.txt")
    }

    /// The "hash  file" lines of the fixture (comments dropped).
    private func expected() throws -> [String] {
        try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    private func run(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        let p = Process(), pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let folder { p.currentDirectoryURL = folder }
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testPortableModeReproducesTheCommittedFingerprint() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return XCTFail("\(binary.path) not built; run `swift build -c release --build-tests` first")
        }
        let eeg = eegDirectory()
        guard FileManager.default.fileExists(atPath: eeg.appendingPathComponent("ML101_KS.csv").path) else {
            return XCTFail("EEG recordings not found at \(eeg.path); set ONE_NEURON_EEG_DATA")
        }
        let out = try temporaryFolder("portable").appendingPathComponent("run")
        let experiment = try run(binary.path, Self.arguments + ["--eeg", eeg.path, "--threads", "2", "--out", out.path])
        XCTAssertEqual(experiment.status, 0, experiment.output)
        let config = try String(contentsOf: out.appendingPathComponent("config.json"), encoding: .utf8)
        XCTAssertTrue(config.contains("\"portable\": \"avx2\""), "config.json records portable mode: \(config)")
        let hashes = try run("/usr/bin/sha256sum", ["epochs.jsonl", "runs.jsonl"], in: out)
        XCTAssertEqual(hashes.status, 0, hashes.output)
        // The numbers fingerprint: the same numbers whatever the files' layout (scripts/results-numbers.py).
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/results-numbers.py").standardized
        let numbers = try run("/usr/bin/env", ["python3", script.path, out.path])
        XCTAssertEqual(numbers.status, 0, numbers.output)
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n").first { $0.hasPrefix("model name") } ?? "?"
        let lines = (hashes.output + numbers.output).split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines, try expected(),
            """
            portable-mode results differ from the committed fingerprint on this machine (\(cpu)). If a change \
            was meant to change the bits, run scripts/portable-fingerprint.sh --update and say why in the commit; \
            otherwise this machine breaks cross-machine reproducibility: find out why (README, "What is guaranteed")
            """)
    }
}
