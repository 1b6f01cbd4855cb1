import EEG
import Foundation
import IO
import XCTest

/// `EEGFetcher` against a local HTTP server on 127.0.0.1 serving the recordings: a good folder
/// and a folder with one corrupted and one missing file. Every request is bounded (10 s timeout).
final class EEGFetcherTests: XCTestCase {
    func testFetchVerifiesBlobsAndNeverLeavesABadFile() throws {
        let data = try TestData.require()
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("eeg-fetch-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let good = root.appendingPathComponent("served/good"), bad = root.appendingPathComponent("served/bad")
        try fm.createDirectory(at: good, withIntermediateDirectories: true)
        try fm.createDirectory(at: bad, withIntermediateDirectories: true)
        for name in EEGSession.gitBlobIDs.keys {
            try fm.createSymbolicLink(at: good.appendingPathComponent(name), withDestinationURL: data.appendingPathComponent(name))
            if name == "ML105_KS.csv" { continue }  // missing on the bad server: 404
            if name == "ML103_US.csv" {
                var bytes = try Data(contentsOf: data.appendingPathComponent(name))
                bytes[bytes.count / 2] = bytes[bytes.count / 2] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
                try bytes.write(to: bad.appendingPathComponent(name))
            } else {
                try fm.createSymbolicLink(at: bad.appendingPathComponent(name), withDestinationURL: data.appendingPathComponent(name))
            }
        }
        let server = try LocalHTTPServer(serving: root.appendingPathComponent("served"))
        defer { server.stop() }
        let out = root.appendingPathComponent("out")

        // 1. From the bad folder: 14 files verified, the corrupted and the missing one fail and are not written.
        var reported: [String] = []
        let first = EEGFetcher(baseURL: server.baseURL.appendingPathComponent("bad/"), timeout: 10).fetch(to: out) { file, _ in reported.append(file) }
        XCTAssertEqual(reported, EEGSession.gitBlobIDs.keys.sorted())
        let outcomes = Dictionary(uniqueKeysWithValues: first.map { ($0.file, $0.outcome) })
        guard case .failed(.blobMismatch(let file, let expected, let actual, let bytes))? = outcomes["ML103_US.csv"] else {
            return XCTFail("corrupted file not reported: \(String(describing: outcomes["ML103_US.csv"]))")
        }
        XCTAssertEqual(file, "ML103_US.csv")
        XCTAssertEqual(expected, "a314080f02e0a534184764fd598c9301bbd93595")
        XCTAssertNotEqual(actual, expected)
        XCTAssertEqual(bytes, 1310466)
        guard case .failed(.downloadFailed(_, let url, let reason))? = outcomes["ML105_KS.csv"] else {
            return XCTFail("missing file not reported: \(String(describing: outcomes["ML105_KS.csv"]))")
        }
        XCTAssertTrue(url.hasSuffix("/bad/ML105_KS.csv"))
        XCTAssertEqual(reason, "HTTP status 404")
        XCTAssertEqual(first.filter { if case .downloaded = $0.outcome { return true } else { return false } }.count, 14)
        XCTAssertEqual(
            try fm.contentsOfDirectory(atPath: out.path).sorted(),
            EEGSession.gitBlobIDs.keys.filter { $0 != "ML103_US.csv" && $0 != "ML105_KS.csv" }.sorted(),
            "only verified files, no temporary or partial file")

        // 2. A damaged local copy is replaced; verified copies are left alone; the two missing arrive.
        try Data("1,2,3\n".utf8).write(to: out.appendingPathComponent("ML101_KS.csv"))
        let second = EEGFetcher(baseURL: server.baseURL.appendingPathComponent("good/"), timeout: 10).fetch(to: out)
        let again = Dictionary(uniqueKeysWithValues: second.map { ($0.file, $0.outcome) })
        XCTAssertEqual(again["ML101_KS.csv"], .downloaded(bytes: 1472401))
        XCTAssertEqual(again["ML103_US.csv"], .downloaded(bytes: 1310466))
        XCTAssertEqual(again["ML105_KS.csv"], .downloaded(bytes: 1348426))
        XCTAssertEqual(again["ML108_US.csv"], .alreadyPresent(bytes: 1463516))
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: out.path).count, 16)
        for (name, blob) in EEGSession.gitBlobIDs {
            XCTAssertEqual(SHA1.gitBlobID(try Data(contentsOf: out.appendingPathComponent(name))), blob)
        }

        // 3. Nothing listening: a clear download error, nothing written.
        server.stop()
        let empty = root.appendingPathComponent("empty")
        let refused = EEGFetcher(baseURL: server.baseURL, timeout: 5, expectedBlobs: ["ML101_KS.csv": EEGSession.gitBlobIDs["ML101_KS.csv"]!]).fetch(to: empty)
        guard case .failed(let error) = refused[0].outcome, case .downloadFailed = error else { return XCTFail("\(refused)") }
        XCTAssertTrue("\(error)".contains("ML101_KS.csv: download from http://127.0.0.1:"))
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: empty.path), [])
    }
}
