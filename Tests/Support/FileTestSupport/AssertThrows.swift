import XCTest

/// Asserts that `body` throws an error of type `E` whose description contains every one of `fragments`;
/// returns the error for further checks.
@discardableResult
public func assertThrows<E: Error & CustomStringConvertible, T>(
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
