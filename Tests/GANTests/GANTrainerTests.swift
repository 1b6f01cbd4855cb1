import Backend
import GAN
import Neuron
import XCTest

final class GANTrainerTests: XCTestCase {
    private func config(_ arm: GANArm, input: NeuronInput = .data, steps: Int = 12) -> GANConfig {
        var c = GANConfig(task: .ring8, arm: arm, seed: 5, steps: steps)
        c.neuronInput = input
        c.logEvery = 5
        c.trainingSetSize = 1000
        c.evaluationSamples = 300
        return c
    }

    /// The final points, every weight and the log, as bits.
    private func bits(_ c: GANConfig, threads: Int) throws -> [UInt32] {
        let before = ComputeThreads.current
        ComputeThreads.set(threads)
        defer { ComputeThreads.set(before) }
        let trainer = try GANTrainer(config: c)
        let r = try trainer.run()
        XCTAssertEqual(r.fate, .completed)
        XCTAssertEqual(r.log.map(\.step), [0, 5, 10, 12])
        XCTAssertTrue(r.log.allSatisfy { $0.neuron?.drifting != true }, "too few records to judge drift")
        var logValues: [Double] = []
        for record in r.log {
            let values: [Double?] = [record.dLoss, record.gLoss, record.highQualityPercent, record.neuron?.a, record.neuron?.b]
            logValues += values.map { $0 ?? 0 }
        }
        let floats: [Float] = r.samples + trainer.generator.store.snapshot() + trainer.discriminator.store.snapshot()
        return floats.map(\.bitPattern) + logValues.map { UInt32(truncatingIfNeeded: $0.bitPattern) } + logValues.map { UInt32($0.bitPattern >> 32) }
    }

    /// Both arms, both neuron inputs: the same bits at 1 and 2 threads.
    func testSameBitsAtOneAndTwoThreads() throws {
        for c in [config(.plain), config(.augmented), config(.augmented, input: .hidden)] {
            XCTAssertEqual(try bits(c, threads: 1), try bits(c, threads: 2), "\(c.arm) \(c.neuronInput)")
        }
    }

    /// The arms of a seed share the training set, G's initial weights and D0's initial weights.
    func testPairSharesDataAndInitialWeights() throws {
        let plain = try GANTrainer(config: config(.plain)), augmented = try GANTrainer(config: config(.augmented))
        XCTAssertEqual(plain.data, augmented.data)
        XCTAssertEqual(plain.generator.store.snapshot(), augmented.generator.store.snapshot())
        XCTAssertEqual(plain.discriminator.base.store.snapshot(), augmented.discriminator.base.store.snapshot())
        XCTAssertEqual(try plain.generate(), try augmented.generate())
        XCTAssertNotEqual(
            plain.data,
            try GANTrainer(
                config: {
                    var c = config(.plain); c.seed = 6; return c
                }()
            ).data)
        XCTAssertEqual(augmented.discriminator.store.count, plain.discriminator.store.count + 4)
    }

    /// The input gradient of the augmented discriminator (neuron on the data point and on the last
    /// hidden layer) matches float64 central differences of its logit.
    func testDiscriminatorInputGradient() throws {
        for input in NeuronInput.allCases {
            let trainer = try GANTrainer(config: config(.augmented, input: input))
            let d = trainer.discriminator
            d.neuron!.w.value[0] = 0.7; d.neuron!.w.value[d.neuron!.w.count - 1] = -0.4
            d.neuron!.a.value[0] = 0.5
            var x: [Float] = [0.3, -0.8, 0.9, 0.2]
            let analytic = try x.withUnsafeMutableBufferPointer { xs -> [Float] in
                _ = try d.forward(xs.baseAddress!, batchSize: 2)
                var ones: [Float] = [1, 1]
                let g = try ones.withUnsafeMutableBufferPointer { try d.backward(gradLogits: $0.baseAddress!, batchSize: 2) }
                return Array(UnsafeBufferPointer(start: g, count: 4))
            }
            for i in 0..<4 {
                let h: Float = 1e-2
                func logit(_ delta: Float) throws -> Double {
                    var y = x
                    y[i] += delta
                    return try y.withUnsafeMutableBufferPointer { Double(try d.forward($0.baseAddress!, batchSize: 2)[i / 2]) }
                }
                let numeric = (try logit(h) - logit(-h)) / Double(2 * h)
                XCTAssertEqual(Double(analytic[i]), numeric, accuracy: 2e-3 * max(1, abs(numeric)), "\(input) x[\(i)]")
            }
        }
    }

    /// An overflowing neuron and a non-finite generator end the run with their fate, and a last record.
    func testDivergenceIsAFateNotACrash() throws {
        let overflowing = try GANTrainer(config: config(.augmented))
        overflowing.discriminator.neuron!.b.value[0] = 100
        let r = try overflowing.run()
        XCTAssertEqual(r.fate, .overflow)
        XCTAssertEqual(r.fateStep, 1)
        XCTAssertEqual(r.log.last?.step, 1)
        XCTAssertTrue(r.fateMessage!.contains("exponent"))
        let broken = try GANTrainer(config: config(.plain))
        broken.generator.parameters.last!.value[0] = .nan  // the output bias: every point has a NaN x
        let b = try broken.run()
        XCTAssertEqual(b.fate, .nonFinite)
        XCTAssertEqual(b.log.last?.nonFinitePoints, 300)
    }

    /// Bad options are clear errors.
    func testInvalidOptions() {
        var c = config(.plain)
        c.logEvery = 0
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("logEvery must be"), "\($0)") }
        c = config(.plain)
        c.lambda = -1
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("lambda must be"), "\($0)") }
    }
}
