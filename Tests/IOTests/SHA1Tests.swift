import Foundation
import IO
import Tensor
import XCTest

/// SHA-1 against published test vectors and against `git hash-object`.
final class SHA1Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA1.hex(Array("".utf8)), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(SHA1.hex(Array("abc".utf8)), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(SHA1.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        XCTAssertEqual(SHA1.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)), "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        // Fed in odd-sized pieces, through the non-contiguous path too.
        var sha = SHA1()
        let text = Array("The quick brown fox jumps over the lazy dog".utf8)
        sha.update(text[0..<7])
        sha.update(text[7...].lazy.map { $0 })
        XCTAssertEqual(sha.finalize(), "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")
    }

    func testGitBlobIDEqualsGitHashObject() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 3)
        for size in [0, 1, 55, 56, 63, 64, 65, 1000, 100_003] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let file = folder.appendingPathComponent("blob-\(size)")
            try Data(bytes).write(to: file)
            XCTAssertEqual(SHA1.gitBlobID(bytes), try gitHashObject(file), "size \(size)")
        }
    }

    private func gitHashObject(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "hash-object", "--no-filters", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git hash-object failed; is git installed?")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
