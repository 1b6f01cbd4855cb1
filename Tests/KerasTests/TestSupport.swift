import Foundation
import XCTest

/// The Keras-made fixtures (scripts/keras/make_keras_fixtures.py), found next to this file.
func fixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// Test case with a per-test temporary folder `folder`, removed after the test.
class TemporaryFolderTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("KerasTests-\(String(describing: type(of: self)))-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
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
