import Backend
import NN
import Tensor
import XCTest

/// A small generator (Dense, BatchNormalization, ReLU) feeding a Maxout discriminator gives the same
/// bits at 1 and 3 threads: outputs, weight gradients, moving statistics and the input gradient.
/// (BatchNormalization's and Maxout's own loops run on the calling thread; the dense kernels on one thread.)
final class GANLayersThreadInvarianceTests: XCTestCase {
    private func run(threads: Int) throws -> [Float] {
        let before = ComputeThreads.current
        ComputeThreads.set(threads)
        defer { ComputeThreads.set(before) }
        let generator = try Sequential(
            [
                Dense(units: 40, kernelInitializer: .normal(mean: 0, std: 0.02)), BatchNormalization(), ReLU(),
                Dense(units: 2)
            ], inputShape: [2], name: "generator")
        let discriminator = try Sequential(
            [Maxout(units: 20, pieces: 5), Maxout(units: 20, pieces: 5), Dense(units: 1)],
            inputShape: [2], name: "discriminator")
        discriminator.computesInputGradient = true
        var g = SeededGenerator(seed: 11)
        generator.store.initialize(using: &g)
        discriminator.store.initialize(using: &g)
        let batch = 50
        var z = (0..<(batch * 2)).map { _ in g.uniform(-1, 1) }, dy = (0..<batch).map { _ in g.uniform(-1, 1) }
        var out: [Float] = []
        try z.withUnsafeMutableBufferPointer { zs in
            let fake = try generator.forward(zs.baseAddress!, batchSize: batch, training: true).output
            let score = try discriminator.forward(fake, batchSize: batch, training: true).output
            out += UnsafeBufferPointer(start: score, count: batch)
            try dy.withUnsafeMutableBufferPointer { _ = try discriminator.backward(gradOutput: $0.baseAddress!, batchSize: batch) }
            let gradFake = try XCTUnwrap(discriminator.inputGradient)
            out += UnsafeBufferPointer(start: gradFake, count: batch * 2)
            try generator.backward(gradOutput: gradFake, batchSize: batch)
        }
        return out + Array(discriminator.store.gradients) + Array(generator.store.gradients) + generator.store.snapshot()
    }

    func testSameBitsAtOneAndThreeThreads() throws {
        let one = try run(threads: 1), three = try run(threads: 3)
        XCTAssertEqual(one.count, three.count)
        XCTAssertTrue(zip(one, three).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
}
