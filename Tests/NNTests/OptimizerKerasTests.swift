import Foundation
import NN
import XCTest

/// Adam, RMSprop and SGD give Keras 3's own updates bit for bit, over 10,000 steps
/// (fixture from scripts/nn/make_optimizer_fixtures.py: Keras 3.15.1 on TensorFlow 2.21, eager).
final class OptimizerKerasTests: XCTestCase {
    private struct Fixture: Decodable {
        let n: Int
        let cases: [Case]
    }

    private struct Case: Decodable {
        let optimizer: String
        let settings: [String: Double]
        let nesterov: Bool?
        let scale: Double
        let start: [UInt32]
        let steps: [String: [UInt32]]
        private enum CodingKeys: String, CodingKey { case optimizer, settings, scale, start, steps }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            optimizer = try c.decode(String.self, forKey: .optimizer)
            scale = try c.decode(Double.self, forKey: .scale)
            start = try c.decode([UInt32].self, forKey: .start)
            steps = try c.decode([String: [UInt32]].self, forKey: .steps)
            // settings mixes numbers and a Boolean (nesterov).
            let raw = try c.decode([String: FlexibleValue].self, forKey: .settings)
            settings = raw.compactMapValues { if case .number(let x) = $0 { return x } else { return nil } }
            nesterov = raw["nesterov"].flatMap { if case .flag(let b) = $0 { return b } else { return nil } }
        }
    }

    private enum FlexibleValue: Decodable {
        case number(Double), flag(Bool)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .flag(b) } else { self = .number(try c.decode(Double.self)) }
        }
    }

    private func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras_optimizer_cases.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    private func make(_ c: Case) throws -> any Optimizer {
        let s = c.settings
        switch c.optimizer {
        case "adam":
            return Adam(learningRate: s["learning_rate"]!, beta1: s["beta1"] ?? 0.9, beta2: s["beta2"] ?? 0.999, epsilon: s["epsilon"] ?? 1e-7)
        case "rmsprop": return RMSprop(learningRate: s["learning_rate"]!)
        case "sgd": return SGD(learningRate: s["learning_rate"]!, momentum: s["momentum"] ?? 0, nesterov: c.nesterov ?? false)
        default: throw XCTSkip("unknown optimizer \(c.optimizer)")
        }
    }

    /// The script's integer-made gradient, formed in float32 as numpy does.
    private func gradient(n: Int, step t: Int, scale: Double) -> [Float] {
        (0..<n).map { i in
            let h = (Int64(i) * 2_654_435_761 + Int64(t) * 40503) % 2001
            return (Float(h - 1000) / Float(1000)) * Float(scale)
        }
    }

    func testUpdatesEqualKerasBitForBit() throws {
        let f = try fixture()
        XCTAssertEqual(f.cases.count, 8)
        for c in f.cases {
            let optimizer = try make(c)
            var values = c.start.map { Float(bitPattern: $0) }
            let last = c.steps.keys.compactMap { Int($0) }.max()!
            for t in 1...last {
                var g = gradient(n: f.n, step: t, scale: c.scale)
                values.withUnsafeMutableBufferPointer { v in g.withUnsafeMutableBufferPointer { optimizer.step(values: v, gradients: $0) } }
                if let expected = c.steps[String(t)] {
                    XCTAssertEqual(values.map(\.bitPattern), expected, "\(optimizer) after step \(t)")
                }
            }
        }
    }

    func testFirstAdamStepUsesOneMinusBetaFromFloat64() {
        // Keras multiplies by float32(1 - 0.9) = 0.1 exactly rounded, not 1 - 0.9f = 0.100000024.
        XCTAssertNotEqual(1 - Float(0.9), Float(1 - 0.9))
        let adam = Adam(learningRate: 0.0002)
        var w: [Float] = [0], g: [Float] = [0.5]
        w.withUnsafeMutableBufferPointer { v in g.withUnsafeMutableBufferPointer { adam.step(values: v, gradients: $0) } }
        let m = (Float(0.5) - 0) * Float(1 - 0.9), v = (Float(0.5) * Float(0.5) - 0) * Float(1 - 0.999)
        let alpha = Float(0.0002) * (1 - powf(Float(0.999), 1)).squareRoot() / (1 - powf(Float(0.9), 1))
        XCTAssertEqual(w[0], 0 - (m * alpha) / (v.squareRoot() + Float(1e-7)))
        XCTAssertEqual(adam.state()["m"], [m])
    }
}
