import Backend
import XCTest

/// The DNNL max pooling's `backwardSums` (the bf16 shortcut a convolution's backward weights takes: channel sums
/// and bfloat16 copy of the gradient, without writing it) must give the bits of its `backward` followed by the sums
/// and copy of that gradient: each channel's pixels added in memory order from 0 in float32, each value rounded to
/// bfloat16 as AVX512_BF16's conversion rounds (ties to even, NaN stays NaN made quiet, subnormals to signed zeros).
/// Ties, -0, NaN inputs, infinite and NaN gradients, odd sizes, channel counts off the vector width, sample by sample
/// and several samples at once (a NaN sum is only required to be NaN). On a CPU without AVX512_BF16 it must decline and write nothing.
final class MaxPoolBackwardSumsTests: XCTestCase {
    private let dnnl = DNNLBackend()

    private func bfloat16(_ x: Float) -> UInt16 {
        let bits = x.bitPattern, magnitude = bits & 0x7fff_ffff
        if magnitude > 0x7f80_0000 { return UInt16(bits >> 16) | 0x0040 }
        if magnitude < 0x0080_0000 { return UInt16((bits >> 16) & 0x8000) }
        return UInt16((bits &+ 0x7fff &+ ((bits >> 16) & 1)) >> 16)
    }

    /// Inputs with many ties (+0 and -0 among them) and some NaN; gradients with infinities, NaN and -0.
    private func data(_ c: MaxPoolConfig, _ g: inout ReferenceTestGenerator) -> (x: [Float], dy: [Float]) {
        let few: [Float] = [-1, -0.5, -0.0, 0, 0.5, 1], special: [Float] = [.infinity, -.infinity, .nan, -0.0]
        let x = (0..<c.inputCount).map { _ -> Float in
            let u = g.uniform(0, 1)
            return u < 0.02 ? .nan : u < 0.7 ? few[Int(g.uniform(0, Double(few.count)))] : Float(g.uniform(-1, 1))
        }
        let dy = (0..<c.outputCount).map { _ -> Float in
            let u = g.uniform(0, 1)
            return u < 0.04 ? special[Int(u * 100) % 4] : Float(g.uniform(-1, 1)) * (u < 0.5 ? .leastNormalMagnitude / 4 : 1)  // some subnormals
        }
        return (x, dy)
    }

    func testSumsAndBF16CopyHaveTheBitsOfTheBackwardsGradient() throws {
        var g = ReferenceTestGenerator(seed: 51)
        for c in [
            MaxPoolConfig(batch: 20, height: 26, width: 26, channels: 32),  // the seed CNN's pooling
            MaxPoolConfig(batch: 11, height: 7, width: 9, channels: 5),  // odd sizes: a dropped row and column
            MaxPoolConfig(batch: 3, height: 6, width: 4, channels: 70)  // more than 64 channels, a partial vector
        ] {
            for throughReLU in [false, true] {
                let name = "\(c.batch)x\(c.height)x\(c.width)x\(c.channels) throughReLU \(throughReLU)"
                let (xs, dys) = data(c, &g)
                let x = UnsafeMutableBufferPointer<Float>.allocate(capacity: c.inputCount)
                let y = UnsafeMutableBufferPointer<Float>.allocate(capacity: c.outputCount)
                let dx = UnsafeMutableBufferPointer<Float>.allocate(capacity: c.inputCount)
                defer { x.deallocate(); y.deallocate(); dx.deallocate() }
                _ = x.initialize(from: xs)
                let k = try dnnl.maxPool(c)
                k.forward(input: x.baseAddress!, output: y.baseAddress!)
                let expectedGradient = dys.withUnsafeBufferPointer { dy -> [Float] in
                    k.backward(
                        input: x.baseAddress!, output: y.baseAddress!, gradOutput: dy.baseAddress!, gradInput: dx.baseAddress!,
                        throughReLU: throughReLU)
                    return Array(dx)
                }
                let pixels = c.height * c.width, perSample = pixels * c.channels
                var expectedSums = [Float](repeating: 0, count: c.batch * c.channels)
                for n in 0..<c.batch {
                    for p in 0..<pixels {
                        for ch in 0..<c.channels { expectedSums[n * c.channels + ch] += expectedGradient[n * perSample + p * c.channels + ch] }
                    }
                }
                let expectedCopy = expectedGradient.map(bfloat16)
                // Sample by sample (as a convolution's backward weights calls it), then the whole batch in one call.
                for step in [1, c.batch] {
                    var sums = [Float](repeating: 9, count: c.batch * c.channels)
                    var copy = [UInt16](repeating: 0x4110, count: c.inputCount)
                    var handled = [Bool]()
                    dys.withUnsafeBufferPointer { dy in
                        for first in stride(from: 0, to: c.batch, by: step) {
                            let samples = first..<min(first + step, c.batch)
                            handled.append(
                                copy.withUnsafeMutableBufferPointer { copy in
                                    k.backwardSums(
                                        input: x.baseAddress!, output: y.baseAddress!, gradOutput: dy.baseAddress!,
                                        throughReLU: throughReLU, samples: samples, sums: &sums, bf16Copy: copy.baseAddress! + first * perSample)
                                })
                        }
                    }
                    guard handled.allSatisfy({ $0 }) else {
                        XCTAssertFalse(handled.contains(true), "\(name): declined for some samples only")
                        XCTAssertNotEqual(CPUISA.effective, "avx512_core_bf16", "\(name): declined on a CPU with AVX512_BF16")
                        XCTAssertEqual(sums, [Float](repeating: 9, count: sums.count), "\(name): wrote sums although it declined")
                        continue
                    }
                    // A NaN sum's sign and payload depend on which NaN an addition propagates (operand order): NaN either way.
                    let sumDiffers = zip(sums, expectedSums).filter { $1.isNaN ? !$0.isNaN : $0.bitPattern != $1.bitPattern }
                    XCTAssertTrue(sumDiffers.isEmpty, "\(name), \(step) at a time: \(sumDiffers.count) sums differ, first \(sumDiffers.prefix(3))")
                    let copyDiffers = zip(copy, expectedCopy).enumerated().filter { $0.element.0 != $0.element.1 }
                    XCTAssertTrue(copyDiffers.isEmpty, "\(name), \(step) at a time: \(copyDiffers.count) bf16 values differ, first \(copyDiffers.prefix(3))")
                }
            }
        }
    }
}
