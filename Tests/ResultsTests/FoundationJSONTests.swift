import Foundation
import Results
import XCTest

/// What Foundation's JSON gets right and wrong on Linux, for results files. Reading is left to
/// `JSONDecoder` because it reads every value back exactly; writing stays with `JSONWriter`
/// because `JSONEncoder` cannot keep a schema's key order; `JSONSerialization` is not used for
/// values because it loses doubles.
final class FoundationJSONTests: XCTestCase {
    private struct Doubles: Codable, Equatable { var v: [Double] }
    private struct Seed: Codable, Equatable { var seed: UInt64 }

    /// Doubles at the edges of the format, and integers written as doubles.
    private let hardDoubles: [Double] = [
        0.1, 1e-7, 2.2250738585072014e-308, .leastNonzeroMagnitude, 1.7976931348623157e308,
        -0.0, 3.0, 0.30000000000000004, 0.5500685871056241, 1e15, 123456789012345, 1e22
    ]

    func testDecoderReadsOurWritersDoublesBackExactly() throws {
        let text = try JSON.encode(Doubles(v: hardDoubles))
        let back = try JSONDecoder().decode(Doubles.self, from: Data(text.utf8)).v
        XCTAssertEqual(back.map(\.bitPattern), hardDoubles.map(\.bitPattern), text)
    }

    func testEncoderAndDecoderRoundTripDoublesExactly() throws {
        let data = try JSONEncoder().encode(Doubles(v: hardDoubles))
        XCTAssertEqual(try JSONDecoder().decode(Doubles.self, from: data).v.map(\.bitPattern), hardDoubles.map(\.bitPattern))
    }

    func testDecoderReadsFloatsExactly() throws {
        struct Floats: Codable { var v: [Float] }
        let floats: [Float] = [0.1, 1e-7, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, 16777216, -0.3]
        let text = try JSON.encode(Floats(v: floats))
        XCTAssertEqual(try JSONDecoder().decode(Floats.self, from: Data(text.utf8)).v.map(\.bitPattern), floats.map(\.bitPattern), text)
    }

    func testDecoderReadsSeedsAbove2To53Exactly() throws {
        for seed: UInt64 in [1 << 53 + 1, 18446744073709551557, .max] {
            let text = try JSON.encode(Seed(seed: seed))
            XCTAssertEqual(try JSONDecoder().decode(Seed.self, from: Data(text.utf8)).seed, seed, text)
        }
    }

    /// Wrong: `JSONSerialization` reads 0.30000000000000004 as 0.3 (through NSDecimalNumber), so
    /// nothing in OneNeuron reads values with it.
    func testSerializationLosesDoubles() throws {
        let object = try JSONSerialization.jsonObject(with: Data("[0.30000000000000004]".utf8)) as? [NSNumber]
        let value = try XCTUnwrap(object?.first).doubleValue
        XCTAssertNotEqual(value.bitPattern, (0.30000000000000004).bitPattern)
    }

    /// Wrong for results files: without `.sortedKeys`, `JSONEncoder` writes keys in a dictionary's
    /// order (it changes from process to process), never in the order a type encodes them; a
    /// schema's order needs `JSONWriter`. Twelve keys: the encode order by chance has odds 1/12!.
    func testEncoderDoesNotKeepTheEncodeOrderOfKeys() throws {
        struct Twelve: Encodable {
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: AnyKey.self)
                for name in Self.names { try c.encode(1, forKey: AnyKey(stringValue: name)!) }
            }
            static let names = ["schema_version", "run", "seed", "arm", "epoch", "loss", "accuracy", "val_loss", "val_accuracy", "a", "b", "w_norm"]
        }
        let foundation = String(decoding: try JSONEncoder().encode(Twelve()), as: UTF8.self)
        let ours = try JSON.encode(Twelve())
        XCTAssertNotEqual(foundation, "{" + Twelve.names.map { "\"\($0)\":1" }.joined(separator: ",") + "}")
        XCTAssertEqual(ours, "{" + Twelve.names.map { "\"\($0)\": 1" }.joined(separator: ", ") + "}")
    }

    /// Wrong for a reader: `JSONDecoder` reports a syntax error, and a fraction or negative number
    /// for an integer key, as "not valid JSON" with no position and no key. `JSONReadProblem`
    /// asks `JSONSerialization` for the position of a syntax error.
    func testDecoderNamesNoPositionOrKeyForBadInput() {
        struct Count: Decodable { var epochs: Int }
        for text in ["{\"epochs\": 1,, \"x\": 2}", "{\"epochs\": 1.5}", "{\"epochs\": -1.0e400}"] {
            XCTAssertThrowsError(try JSONDecoder().decode(Count.self, from: Data(text.utf8))) { error in
                guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(context.codingPath.isEmpty, "\(error)")
            }
        }
        let data = Data("{\"epochs\": 1,\n  , \"x\": 2}".utf8)
        let problem = JSONReadProblem(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "")), in: data)
        XCTAssertEqual(problem.line, 2)
        XCTAssertEqual(problem.column, 3)
        XCTAssertTrue(problem.isSyntax)
    }

    /// `JSONEncoder` refuses NaN and infinity and `JSONDecoder` does not read them; results files
    /// hold null for a non-finite value (see `SchemaRoundTripTests`), so neither matters here.
    func testNonFiniteNumbersAreNotJSON() {
        XCTAssertThrowsError(try JSONEncoder().encode(Doubles(v: [.nan])))
        XCTAssertThrowsError(try JSONDecoder().decode(Doubles.self, from: Data("{\"v\": [NaN]}".utf8)))
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
