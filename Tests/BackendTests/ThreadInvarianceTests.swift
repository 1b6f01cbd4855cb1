import Backend
import XCTest

/// The seed CNN's kernels give the same bits with 1, 2, 3 and 4 threads, so a training's results do
/// not depend on the thread count it ran with (an experiment may change it mid-run, see
/// `ThreadShare`). By construction: oneDNN runs on one thread per batch chunk and the chunks'
/// weight gradients are added in chunk order (`BatchChunks`). scripts/test.sh runs these tests
/// again under `ONEDNN_MAX_CPU_ISA=AVX2` (and AVX512_CORE on CPUs with more), so every ISA the
/// machine has is checked.
final class ThreadInvarianceTests: XCTestCase {
    private let dnnl = DNNLBackend()

    private func random(_ count: Int, _ g: inout ReferenceTestGenerator) -> [Float] {
        g.uniformArray(count, -1, 1).map { Float($0) }
    }

    /// Runs `body` with kernels created and executed under `threads` threads.
    private func with<T>(threads: Int, _ body: () throws -> T) rethrows -> T {
        let before = ComputeThreads.current
        ComputeThreads.set(threads)
        defer { ComputeThreads.set(before) }
        return try body()
    }

    /// Runs `body` (which creates its kernels) on 1, 2, 3 and 4 threads; every output must be the same bits.
    private func assertThreadInvariant(
        _ what: String, outputs: [String], _ body: () throws -> [[Float]],
        file: StaticString = #filePath, line: UInt = #line
    ) rethrows {
        let one = try with(threads: 1, body)
        for threads in [2, 3, 4] {
            let other = try with(threads: threads, body)
            for (i, name) in outputs.enumerated() {
                XCTAssertTrue(one[i] == other[i], "\(what) \(name) differs between 1 and \(threads) threads", file: file, line: line)
            }
        }
    }

    /// Direct convolutions, and Winograd ones where oneDNN has them here (their per-chunk layout copies included).
    func testConvolutionsAreThreadInvariant() throws {
        var g = ReferenceTestGenerator(seed: 11)
        let backends = [dnnl] + [try? DNNLBackend(algorithm: .winograd)].compactMap { $0 }
        for backend in backends {
            for batch in [128, 97] {
                for c in [
                    Conv2DConfig(batch: batch, height: 28, width: 28, inChannels: 3, outChannels: 32, kernelSize: 3, padding: .same, fuseReLU: true),
                    Conv2DConfig(batch: batch, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid, fuseReLU: true)
                ] {
                    let x = random(c.inputCount, &g), w = random(c.weightCount, &g), b = random(c.outChannels, &g), dy = random(c.outputCount, &g)
                    try assertThreadInvariant("\(backend.name) conv ic \(c.inChannels) batch \(batch)", outputs: weightedPassNames) {
                        allPasses(of: try backend.conv2D(c), input: x, weights: w, bias: b, gradOutput: dy)
                    }
                }
            }
        }
    }

    func testDenseIsThreadInvariant() throws {
        var g = ReferenceTestGenerator(seed: 12)
        for batch in [128, 97] {
            for c in [DenseConfig(batch: batch, inFeatures: 5408, outFeatures: 10), DenseConfig(batch: batch, inFeatures: 10, outFeatures: 1)] {
                let x = random(c.batch * c.inFeatures, &g), w = random(c.inFeatures * c.outFeatures, &g), b = random(c.outFeatures, &g)
                let dy = random(c.batch * c.outFeatures, &g)
                let name = "dense \(c.inFeatures)->\(c.outFeatures) batch \(batch)"
                try assertThreadInvariant(name, outputs: weightedPassNames + ["both backward passes at once"]) {
                    let kernel = try dnnl.dense(c)
                    let passes = allPasses(of: kernel, input: x, weights: w, bias: b, gradOutput: dy)
                    // `backward` (the two passes side by side on two threads, for the 5408 -> 10 layer) gives their bits.
                    var dx = [Float](repeating: 9, count: x.count), dw = [Float](repeating: 9, count: w.count), db = [Float](repeating: 9, count: b.count)
                    kernel.backward(input: x, gradOutput: dy, weights: w, gradWeights: &dw, gradBias: &db, gradInput: &dx)
                    XCTAssertEqual([dx, dw, db].map { $0.map(\.bitPattern) }, passes[1...].map { $0.map(\.bitPattern) }, "\(name): backward")
                    return passes + [dx + dw + db]
                }
            }
        }
    }

    func testPoolingAndActivationsAreThreadInvariant() throws {
        var g = ReferenceTestGenerator(seed: 13)
        let c = MaxPoolConfig(batch: 97, height: 26, width: 26, channels: 32)
        let x = random(c.inputCount, &g), dy = random(c.outputCount, &g)
        let outputs = ["pooling forward", "pooling backward"] + Activation.allCases.flatMap { ["\($0) forward", "\($0) backward"] }
        try assertThreadInvariant("batch 97", outputs: outputs) {
            let pool = try dnnl.maxPool(c)
            var y = [Float](repeating: 0, count: c.outputCount), dx = [Float](repeating: 9, count: c.inputCount)
            pool.forward(input: x, output: &y)
            pool.backward(input: x, output: y, gradOutput: dy, gradInput: &dx)
            var results = [y, dx]
            for activation in Activation.allCases {
                let k = try dnnl.activation(activation, count: x.count)
                var a = [Float](repeating: 0, count: x.count), da = [Float](repeating: 9, count: x.count)
                k.forward(input: x, output: &a)
                k.backward(output: a, gradOutput: x, gradInput: &da)
                results += [a, da]
            }
            return results
        }
    }

    /// scripts/test.sh reruns these tests with `ONEDNN_MAX_CPU_ISA` set: check the cap took effect,
    /// so the rerun really tests that ISA's kernels.
    func testRunsTheInstructionSetTheEnvironmentAsksFor() throws {
        let conv = try DNNLBackend().convolutionImplementations(
            Conv2DConfig(batch: 16, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid))
        print("oneDNN ISA \(CPUISA.effective), convolution kernels \(conv.joined(separator: " / "))")
        guard let requested = ProcessInfo.processInfo.environment["ONEDNN_MAX_CPU_ISA"] else { return }
        XCTAssertEqual(CPUISA.effective, requested.lowercased(), "ONEDNN_MAX_CPU_ISA=\(requested) did not take effect")
        if requested.uppercased() == "AVX2" { XCTAssertTrue(conv.allSatisfy { $0.contains("avx2") }, "\(conv)") }
    }
}
