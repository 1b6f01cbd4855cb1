import Diagnostics
import FileTestSupport
import Foundation
import IO
import Synchronization
import XCTest

final class AtomicFileTests: TemporaryFolderTestCase {
    func testWriteCreatesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let url = folder.appendingPathComponent("out.bin")
        try AtomicFile.write(Data("first".utf8), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data("first".utf8))
        try AtomicFile.write(Data("second, longer".utf8), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data("second, longer".utf8))
        try AtomicFile.write(Data(), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data())
        XCTAssertEqual(try folderListing(), ["out.bin"])
    }

    /// What a killed write leaves (its temporary file) is removed; the target and other files stay.
    func testLeftoversOfKilledWritesAreRemoved() throws {
        let url = folder.appendingPathComponent("out.bin")
        try AtomicFile.write(Data("kept".utf8), to: url)
        for name in [".out.bin.tmp-1a2b", ".out.bin.tmp-ff", ".other.bin.tmp-1", "out.bin.tmp-1"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        AtomicFile.removeLeftovers(of: url)
        XCTAssertEqual(try folderListing().sorted(), [".other.bin.tmp-1", "out.bin", "out.bin.tmp-1"])
        XCTAssertEqual(try Data(contentsOf: url), Data("kept".utf8))
    }

    func testMissingFolderThrowsAndCreatesNothing() {
        let missing = folder.appendingPathComponent("no/such/dir/out.bin")
        assertThrows(FileError.self, containing: [missing.path, "temporary file", "exists and is writable"]) {
            try AtomicFile.write(Data("x".utf8), to: missing)
        }
        XCTAssertEqual(try folderListing(), [])
    }

    func testFailedRenameRemovesTheTemporaryFileAndKeepsTheTarget() throws {
        // A non-empty folder where the file should go: rename(2) fails after the data was written.
        let target = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside.txt"))
        assertThrows(FileError.self, containing: [target.path, "renaming", "not a folder"]) {
            try AtomicFile.write(Data("new".utf8), to: target)
        }
        XCTAssertEqual(try folderListing(), ["taken"], "temporary file must be removed")
        XCTAssertEqual(try Data(contentsOf: target.appendingPathComponent("inside.txt")), Data("keep".utf8))
    }

    func testReadOnlyFolderThrowsAndLeavesNoTemporaryFile() throws {
        guard geteuid() != 0 else { throw XCTSkip("root ignores folder permissions; covered by the rename-failure test") }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        assertThrows(FileError.self, containing: ["out.bin", "temporary file"]) {
            try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("out.bin"))
        }
        XCTAssertEqual(try folderListing(), [])
    }

    func testReplacingKeepsTheTargetsPermissions() throws {
        let url = folder.appendingPathComponent("private.txt")
        try Data("a".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        try AtomicFile.write(Data("b".utf8), to: url)
        let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o600)
    }

    func testConcurrentReaderSeesOnlyWholeVersions() throws {
        let url = folder.appendingPathComponent("shared.bin")
        let versions = [Data(repeating: 0xAA, count: 300_000), Data(repeating: 0x55, count: 200_000)]
        try AtomicFile.write(versions[0], to: url)
        let done = DispatchSemaphore(value: 0)
        let badReads = LockedCounter()
        let path = url.path
        Thread.detachNewThread {
            for _ in 0..<300 {
                if let data = FileManager.default.contents(atPath: path), data != versions[0], data != versions[1] {
                    badReads.increment()
                }
            }
            done.signal()
        }
        for round in 0..<60 { try AtomicFile.write(versions[round % 2], to: url) }
        done.wait()
        XCTAssertEqual(badReads.value, 0, "a reader saw a partly written file")
        XCTAssertEqual(try folderListing(), ["shared.bin"])
    }

    func testAppendedLinesAreReadBackInOrder() throws {
        let url = folder.appendingPathComponent("log.jsonl")
        for k in 0..<5 { try AtomicFile.append(line: "{\"k\": \(k), \"name\": \"é\"}", to: url) }
        XCTAssertEqual(try AtomicFile.readCompleteLines(from: url), (0..<5).map { "{\"k\": \($0), \"name\": \"é\"}" })
    }

    func testTornLastLineIsIgnoredByReadersAndCutByTheNextAppend() throws {
        let url = folder.appendingPathComponent("log.jsonl")
        try Data("{\"a\": 1}\r\n{\"b\": 2}\n{\"c\": 3, \"trunc".utf8).write(to: url)
        XCTAssertEqual(try AtomicFile.readCompleteLines(from: url), ["{\"a\": 1}", "{\"b\": 2}"])
        try AtomicFile.append(line: "{\"d\": 4}", to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "{\"a\": 1}\r\n{\"b\": 2}\n{\"d\": 4}\n")

        // A file holding only a torn line is emptied before the append.
        let lone = folder.appendingPathComponent("lone.jsonl")
        try Data("{\"x\": ".utf8).write(to: lone)
        XCTAssertEqual(try AtomicFile.readCompleteLines(from: lone), [])
        try AtomicFile.append(line: "{}", to: lone)
        XCTAssertEqual(try AtomicFile.readCompleteLines(from: lone), ["{}"])
    }

    func testAppendRejectsLinesWithNewlinesAndMissingFolders() {
        let url = folder.appendingPathComponent("log.jsonl")
        assertThrows(FileError.self, containing: ["log.jsonl", "newline", "single line"]) {
            try AtomicFile.append(line: "{\n}", to: url)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        assertThrows(FileError.self, containing: ["nope/log.jsonl", "folder exists"]) {
            try AtomicFile.append(line: "{}", to: folder.appendingPathComponent("nope/log.jsonl"))
        }
        assertThrows(FileError.self, containing: ["missing.jsonl", "exists"]) {
            try AtomicFile.readCompleteLines(from: folder.appendingPathComponent("missing.jsonl"))
        }
    }
}

/// A counter shared with a background thread.
private final class LockedCounter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
