import Backend
import XCTest

/// Every oneDNN kernel must equal the plain-Swift reference kernel to 1e-4 relative
/// (relative to the largest magnitude of the reference result) on random inputs, odd sizes included.
final class DNNLCrossCheckTests: XCTestCase {
    private let dnnl = DNNLBackend()
    private let reference = ReferenceBackend()

    private func random(_ count: Int, _ g: inout ReferenceTestGenerator, _ low: Double = -1, _ high: Double = 1) -> [Float] {
        g.uniformArray(count, low, high).map { Float($0) }
    }

    private func assertClose(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let scale = max(b.map { abs($0) }.max() ?? 0, 1e-6)
        let worst = zip(a, b).map { abs($0 - $1) / scale }.max() ?? 0
        XCTAssertLessThan(worst, 1e-4, "\(what): max relative difference \(worst)", file: file, line: line)
    }

    func testConvolutionMatchesReference() throws {
        var g = ReferenceTestGenerator(seed: 7)
        let cases: [Conv2DConfig] = [
            Conv2DConfig(batch: 3, height: 5, width: 7, inChannels: 1, outChannels: 4, kernelSize: 3, padding: .same),
            Conv2DConfig(batch: 3, height: 5, width: 7, inChannels: 3, outChannels: 5, kernelSize: 3, padding: .valid, fuseReLU: true),
            Conv2DConfig(batch: 1, height: 6, width: 5, inChannels: 3, outChannels: 2, kernelSize: 1, padding: .same),
            Conv2DConfig(batch: 2, height: 9, width: 8, inChannels: 2, outChannels: 3, kernelSize: 5, padding: .same, fuseReLU: true),
            Conv2DConfig(batch: 4, height: 28, width: 28, inChannels: 3, outChannels: 32, kernelSize: 3, padding: .same, fuseReLU: true),
            Conv2DConfig(batch: 3, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid, fuseReLU: true)
        ]
        for c in cases {
            let x = random(c.inputCount, &g), w = random(c.weightCount, &g), b = random(c.outChannels, &g)
            let dy = random(c.outputCount, &g)
            let a = allPasses(of: try dnnl.conv2D(c), input: x, weights: w, bias: b, gradOutput: dy)
            let r = allPasses(of: try reference.conv2D(c), input: x, weights: w, bias: b, gradOutput: dy)
            let name = "conv \(c.height)x\(c.width)x\(c.inChannels)->\(c.outChannels) k\(c.kernelSize) \(c.padding) relu=\(c.fuseReLU) batch \(c.batch)"
            for (i, part) in weightedPassNames.enumerated() { assertClose(a[i], r[i], "\(name) \(part)") }
        }
    }

    func testDenseMatchesReference() throws {
        var g = ReferenceTestGenerator(seed: 8)
        for c in [
            DenseConfig(batch: 3, inFeatures: 7, outFeatures: 5), DenseConfig(batch: 1, inFeatures: 1, outFeatures: 1),
            DenseConfig(batch: 97, inFeatures: 5408, outFeatures: 10), DenseConfig(batch: 5, inFeatures: 10, outFeatures: 1)
        ] {
            let x = random(c.batch * c.inFeatures, &g), w = random(c.inFeatures * c.outFeatures, &g), b = random(c.outFeatures, &g)
            let dy = random(c.batch * c.outFeatures, &g)
            let a = allPasses(of: try dnnl.dense(c), input: x, weights: w, bias: b, gradOutput: dy)
            let r = allPasses(of: try reference.dense(c), input: x, weights: w, bias: b, gradOutput: dy)
            for (i, part) in weightedPassNames.enumerated() {
                assertClose(a[i], r[i], "dense \(c.inFeatures)->\(c.outFeatures) batch \(c.batch) \(part)")
            }
        }
    }

    func testMaxPoolMatchesReference() throws {
        var g = ReferenceTestGenerator(seed: 9)
        for c in [
            MaxPoolConfig(batch: 3, height: 5, width: 7, channels: 1), MaxPoolConfig(batch: 2, height: 4, width: 4, channels: 3),
            MaxPoolConfig(batch: 5, height: 26, width: 26, channels: 32), MaxPoolConfig(batch: 1, height: 3, width: 2, channels: 2)
        ] {
            let x = random(c.inputCount, &g), dy = random(c.outputCount, &g)
            func run(_ backend: any ComputeBackend) throws -> [[Float]] {
                let k = try backend.maxPool(c)
                var y = [Float](repeating: 0, count: c.outputCount), dx = [Float](repeating: 9, count: c.inputCount)
                k.forward(input: x, output: &y)
                k.backward(input: x, output: y, gradOutput: dy, gradInput: &dx)
                return [y, dx]
            }
            let a = try run(dnnl), r = try run(reference)
            assertClose(a[0], r[0], "maxpool \(c.height)x\(c.width)x\(c.channels) forward")
            assertClose(a[1], r[1], "maxpool \(c.height)x\(c.width)x\(c.channels) backward")
        }
    }

    func testMaxPoolThroughReLUMatchesReference() throws {
        var g = ReferenceTestGenerator(seed: 13)
        for c in [MaxPoolConfig(batch: 3, height: 7, width: 5, channels: 4), MaxPoolConfig(batch: 10, height: 26, width: 26, channels: 32)] {
            // A ReLU's output: about half the values, and many whole windows, are 0.
            let x = random(c.inputCount, &g, -1, 1).map { max($0, 0) }, dy = random(c.outputCount, &g)
            func run(_ backend: any ComputeBackend) throws -> [Float] {
                let kernel = try backend.maxPool(c)
                var y = [Float](repeating: 0, count: c.outputCount), dx = [Float](repeating: 9, count: c.inputCount)
                kernel.forward(input: x, output: &y)
                kernel.backward(input: x, output: y, gradOutput: dy, gradInput: &dx, throughReLU: true)
                return dx
            }
            let a = try run(dnnl), r = try run(reference)
            XCTAssertEqual(a, r, "max pool \(c.height)x\(c.width)x\(c.channels) through ReLU")
            XCTAssertTrue(zip(x, a).allSatisfy { $0 > 0 || $1 == 0 }, "no gradient where the ReLU's output is 0")
        }
    }

    func testMaxPoolTiesGoToTheFirstElementLikeTheReference() throws {
        // Whole windows of equal values, and windows where two positions share the maximum.
        let c = MaxPoolConfig(batch: 2, height: 4, width: 5, channels: 3)
        let x: [Float] = (0..<c.inputCount).map { Float(($0 / 7) % 3) }
        let dy: [Float] = (0..<c.outputCount).map { Float($0 + 1) }
        func run(_ backend: any ComputeBackend) throws -> [Float] {
            let k = try backend.maxPool(c)
            var y = [Float](repeating: 0, count: c.outputCount), dx = [Float](repeating: 9, count: c.inputCount)
            k.forward(input: x, output: &y)
            k.backward(input: x, output: y, gradOutput: dy, gradInput: &dx)
            return dx
        }
        XCTAssertEqual(try run(dnnl), try run(reference))
    }

    func testActivationsMatchReference() throws {
        var g = ReferenceTestGenerator(seed: 10)
        for activation in Activation.allCases {
            for count in [1, 7, 1000] {
                let x = random(count, &g, -4, 4), dy = random(count, &g)
                func run(_ backend: any ComputeBackend) throws -> [[Float]] {
                    let k = try backend.activation(activation, count: count)
                    var y = [Float](repeating: 0, count: count), dx = [Float](repeating: 9, count: count)
                    k.forward(input: x, output: &y)
                    k.backward(output: y, gradOutput: dy, gradInput: &dx)
                    return [y, dx]
                }
                let a = try run(dnnl), r = try run(reference)
                assertClose(a[0], r[0], "\(activation) forward, \(count) values")
                assertClose(a[1], r[1], "\(activation) backward, \(count) values")
            }
        }
    }

    func testSeedNetworkConvolutionsUseJITKernels() throws {
        // Plain weight layouts would fall back to oneDNN's reference kernels (~1000x slower).
        let c = Conv2DConfig(batch: 128, height: 28, width: 28, inChannels: 32, outChannels: 32, kernelSize: 3, padding: .valid, fuseReLU: true)
        let names = try dnnl.convolutionImplementations(c)
        XCTAssertEqual(names.count, 3)
        for name in names { XCTAssertFalse(name.hasPrefix("ref"), "convolution fell back to \(name)") }
    }
}
