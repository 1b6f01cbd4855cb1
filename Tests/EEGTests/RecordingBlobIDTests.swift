import EEG
import Foundation
import IO
import XCTest

/// The EEG recordings on disk are the bytes their git blob ids name.
final class RecordingBlobIDTests: XCTestCase {
    func testRecordingsMatchTheirBlobIDs() throws {
        let data = try TestData.require()
        for (name, blob) in EEGSession.gitBlobIDs {
            XCTAssertEqual(SHA1.gitBlobID(try Data(contentsOf: data.appendingPathComponent(name))), blob, name)
        }
    }
}
