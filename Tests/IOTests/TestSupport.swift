import Foundation
import XCTest

/// The numpy-made fixtures (see scripts/io/make_npy_fixtures.py), found next to this file.
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func fixture(_ name: String) -> URL { fixturesFolder.appendingPathComponent(name) }

/// A fresh empty folder under the system temporary folder, removed by `tearDown` of `TemporaryFolderTestCase`.
func makeTemporaryFolder(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("IOTests-\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Test case with a per-test temporary folder `folder`.
class TemporaryFolderTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryFolder(String(describing: type(of: self)))
    }

    override func tearDownWithError() throws {
        if let folder {
            // Restore permissions a test may have removed, then delete.
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Names in `folder`, sorted (hidden files included).
    func folderListing(_ url: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (url ?? folder).path).sorted()
    }
}

/// Asserts that `body` throws an error of type `E` whose description contains every one of `fragments`;
/// returns the error for further checks.
@discardableResult
func assertThrows<E: Error & CustomStringConvertible, T>(
    _ errorType: E.Type, containing fragments: [String], file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) -> E? {
    do {
        let value = try body()
        XCTFail("expected \(E.self) but got a value: \(value)", file: file, line: line)
        return nil
    } catch let error as E {
        for fragment in fragments where !error.description.contains(fragment) {
            XCTFail("error message lacks \"\(fragment)\": \(error.description)", file: file, line: line)
        }
        return error
    } catch {
        XCTFail("expected \(E.self) but got \(type(of: error)): \(error)", file: file, line: line)
        return nil
    }
}
