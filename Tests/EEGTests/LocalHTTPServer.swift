import Foundation
import XCTest

/// `python3 -m http.server` on 127.0.0.1 and a port it picks itself, serving `root`.
/// Stopped by `stop()` (call it in a defer); never outlives the test.
final class LocalHTTPServer {
    let process = Process()
    let port: Int
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    init(serving root: URL, startupTimeout: TimeInterval = 20) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill a server that does not come up in time, so the read below ends.
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + startupTimeout, execute: watchdog)
        // First line: "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        watchdog.cancel()
        guard let range = text.range(of: #"port (\d+)"#, options: .regularExpression),
            let port = Int(text[range].dropFirst(5))
        else {
            if process.isRunning { process.terminate() }
            throw XCTSkip("python3 -m http.server did not start (output: \(text)); is python3 installed?")
        }
        self.port = port
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
