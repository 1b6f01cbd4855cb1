import Foundation
import Tensor
import Training
import XCTest

/// Checkpoints code the weights and the optimizer's moments as base64 float32: every bit comes back
/// (NaN payloads, -0, infinities, subnormals), checkpoints of the older array form still load, and a
/// damaged string is an error, not wrong weights.
final class PackedFloatsTests: XCTestCase {
    private typealias State = Trainer.State<[Int]>

    private let awkward: [Float] = [
        0, -0, 1, -1.5, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
        Float(bitPattern: 0x7FC0_1234), Float(bitPattern: 0xFF80_0001), 0.1, 3.4028e38, Float(bitPattern: 0x0000_0123)
    ]

    private func stateJSON(values: String, m: String) -> Data {
        let shuffle = String(decoding: try! JSONEncoder().encode(SeededGenerator(seed: 5)), as: UTF8.self)
        return Data(#"{"epoch": 3, "values": \#(values), "optimizer": {"m": \#(m)}, "shuffle": \#(shuffle), "monitor": [1, 2]}"#.utf8)
    }

    func testPackedStateRoundTripsEveryBit() throws {
        let json = stateJSON(values: "[]", m: "[]")
        var state = try JSONDecoder().decode(State.self, from: json)
        state.values = awkward
        state.optimizer = ["m": awkward.reversed(), "v": []]
        let text = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        XCTAssertFalse(text.contains("[0,"), "values are packed, not a JSON array: \(text.prefix(120))")
        let back = try JSONDecoder().decode(State.self, from: Data(text.utf8))
        XCTAssertEqual(back.values.map(\.bitPattern), awkward.map(\.bitPattern))
        XCTAssertEqual(back.optimizer["m"]!.map(\.bitPattern), awkward.reversed().map(\.bitPattern))
        XCTAssertEqual(back.optimizer["v"]!, [])
        XCTAssertEqual(back.epoch, 3)
        XCTAssertEqual(back.monitor, [1, 2])
        XCTAssertEqual(back.shuffle, SeededGenerator(seed: 5))
    }

    func testCheckpointsOfTheArrayFormStillLoad() throws {
        let state = try JSONDecoder().decode(State.self, from: stateJSON(values: "[0.5, -0.0, 1e-40]", m: "[2, 3]"))
        XCTAssertEqual(state.values.map(\.bitPattern), [Float(0.5), -0.0, Float("1e-40")!].map(\.bitPattern))
        XCTAssertEqual(state.optimizer["m"], [2, 3])
    }

    func testADamagedStringIsAnError() {
        // Not base64; base64 of 3 bytes (not whole float32 values).
        for bad in [#""AAAA#A==""#, #""AAAA""#] {
            XCTAssertThrowsError(try JSONDecoder().decode(State.self, from: stateJSON(values: bad, m: "[]")), bad)
        }
    }
}
