import Foundation
import XCTest

/// A fresh empty folder under the system temporary folder, named after `label`.
public func makeTemporaryFolder(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("OneNeuronTests-\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Test case with a per-test temporary folder `folder`, removed after the test. Shared by the IO and Keras tests.
open class TemporaryFolderTestCase: XCTestCase {
    public var folder: URL!

    open override func setUpWithError() throws {
        folder = try makeTemporaryFolder(String(describing: type(of: self)))
    }

    open override func tearDownWithError() throws {
        if let folder {
            // Restore permissions a test may have removed, then delete.
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Names in `folder` (or `url`), sorted (hidden files included).
    public func folderListing(_ url: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (url ?? folder).path).sorted()
    }
}
