import Backend
import XCTest

/// The DNNL max pooling's backward reads the window winners its forward recorded (one byte per window)
/// when given the forward's own buffers, and compares the input with the output otherwise. Both must give
/// the bits of the rule below, on ties (+0 and -0 compare equal), NaN inputs, infinite and NaN gradients,
/// odd sizes, several batch chunks and part of a batch.
///
/// The rule (`expectedBackward`): g = dy * (y > smallest ? 1 : 0), smallest 0 through a ReLU, else -infinity;
/// g goes to the first of the window's top-left, top-right, bottom-left elements equal to y, else to the
/// bottom-right one; the others get g * 0; a trailing odd row/column gets 0. The reference backend agrees
/// value by value on finite data; its bits differ in the sign of zeros (it writes +0) and where g is not
/// finite (it writes 0, not NaN, to the losers), and it routes a NaN window to its first NaN.
final class MaxPoolWinnersTests: XCTestCase {
    private let dnnl = DNNLBackend()

    /// A buffer whose address stays the same from the forward to the backward.
    private final class Buffer {
        let pointer: UnsafeMutableBufferPointer<Float>
        init(_ values: [Float]) {
            pointer = .allocate(capacity: values.count)
            _ = pointer.initialize(from: values)
        }
        init(repeating value: Float, count: Int) {
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: value)
        }
        deinit { pointer.deallocate() }
        var base: UnsafeMutablePointer<Float> { pointer.baseAddress! }
        var values: [Float] { Array(pointer) }
    }

    /// Inputs with many ties: values from a short list (with +0 and -0), some random, some NaN when `nan`.
    private func input(_ count: Int, _ g: inout ReferenceTestGenerator, relu: Bool, nan: Bool) -> [Float] {
        let few: [Float] = [-1, -0.5, -0.0, 0, 0.5, 1]
        return (0..<count).map { _ in
            let u = g.uniform(0, 1)
            let v: Float =
                nan && u < 0.02 ? .nan : u < 0.7 ? few[Int(g.uniform(0, Double(few.count)))] : Float(g.uniform(-1, 1))
            // A ReLU's output: its zeros are +0 or -0 (both compare equal to 0), and NaN stays NaN.
            return relu && v < 0 ? (g.uniform(0, 1) < 0.5 ? 0 : -0.0) : v
        }
    }

    /// Output gradients, with infinities, NaN and -0 when `nonFinite`.
    private func gradients(_ count: Int, _ g: inout ReferenceTestGenerator, nonFinite: Bool) -> [Float] {
        let special: [Float] = [.infinity, -.infinity, .nan, -0.0]
        return (0..<count).map { _ in
            let u = g.uniform(0, 1)
            return nonFinite && u < 0.04 ? special[Int(u * 100) % 4] : Float(g.uniform(-1, 1))
        }
    }

    /// The rule above for `samples`, given the forward's output `y`; elsewhere `dx` keeps its values.
    private func expectedBackward(
        _ c: MaxPoolConfig, x: [Float], y: [Float], dy: [Float], dx: [Float], throughReLU: Bool, samples: Range<Int>
    ) -> [Float] {
        var dx = dx
        let smallest: Float = throughReLU ? 0 : -.infinity
        let (h, w, ch, oh, ow) = (c.height, c.width, c.channels, c.outHeight, c.outWidth)
        for n in samples {
            let sample = n * h * w * ch
            for i in 0..<(h * w * ch) { dx[sample + i] = 0 }
            for row in 0..<oh {
                for column in 0..<ow {
                    for k in 0..<ch {
                        let out = ((n * oh + row) * ow + column) * ch + k
                        let p0 = sample + (2 * row * w + 2 * column) * ch + k
                        let positions = [p0, p0 + ch, p0 + w * ch, p0 + w * ch + ch]
                        let m = y[out]
                        let gradient = dy[out] * (m > smallest ? 1 : 0)
                        let winner = positions.dropLast().first { x[$0] == m } ?? positions[3]
                        for p in positions { dx[p] = p == winner ? gradient : gradient * 0 }
                    }
                }
            }
        }
        return dx
    }

    private func assertSameBits(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let differing = zip(a, b).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }
        XCTAssertTrue(
            a.count == b.count && differing.isEmpty,
            "\(what): \(differing.count) elements differ, first \(differing.prefix(3).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" })",
            file: file, line: line)
    }

    private let configs = [
        MaxPoolConfig(batch: 37, height: 7, width: 9, channels: 5),  // 8 chunks, odd sizes, a channel count off the vector width
        MaxPoolConfig(batch: 20, height: 26, width: 26, channels: 32),  // the seed CNN's pooling, 8 chunks
        MaxPoolConfig(batch: 3, height: 5, width: 4, channels: 17),
        MaxPoolConfig(batch: 1, height: 3, width: 2, channels: 2)
    ]

    /// (a) Forward then backward (whole batch, one chunk's samples, sample by sample after chunk-by-chunk
    /// forwards as a convolution runs them) gives the rule's bits, and the reference backend's values on finite data.
    func testBackwardFromTheForwardsWinnersFollowsTheRuleAndTheReference() throws {
        var g = ReferenceTestGenerator(seed: 41)
        for c in configs {
            for throughReLU in [false, true] {
                for nonFinite in [false, true] {
                    let name = "\(c.batch)x\(c.height)x\(c.width)x\(c.channels) throughReLU \(throughReLU) nonFinite \(nonFinite)"
                    let xs = input(c.inputCount, &g, relu: throughReLU, nan: nonFinite), dys = gradients(c.outputCount, &g, nonFinite: nonFinite)
                    let x = Buffer(xs), y = Buffer(repeating: 0, count: c.outputCount), dy = Buffer(dys)
                    let k = try dnnl.maxPool(c)
                    let chunks = BatchChunks(batch: c.batch)

                    k.forward(input: x.base, output: y.base)
                    let ys = y.values
                    let dx = Buffer(repeating: 9, count: c.inputCount)
                    k.backward(input: x.base, output: y.base, gradOutput: dy.base, gradInput: dx.base, throughReLU: throughReLU)
                    let whole = expectedBackward(c, x: xs, y: ys, dy: dys, dx: dx.values, throughReLU: throughReLU, samples: 0..<c.batch)
                    assertSameBits(dx.values, whole, "\(name) whole batch")

                    // One chunk's samples (the last chunk: its winners start far from the buffer's start).
                    let last = chunks.starts[chunks.count - 1]..<c.batch
                    let part = Buffer(repeating: 9, count: c.inputCount)
                    k.backward(input: x.base, output: y.base, gradOutput: dy.base, gradInput: part.base, throughReLU: throughReLU, samples: last)
                    let untouched = [Float](repeating: 9, count: c.inputCount)
                    assertSameBits(
                        part.values, expectedBackward(c, x: xs, y: ys, dy: dys, dx: untouched, throughReLU: throughReLU, samples: last),
                        "\(name) samples \(last)")

                    // Chunk by chunk forward, sample by sample backward, on a new kernel.
                    let byChunk = try dnnl.maxPool(c), y2 = Buffer(repeating: 0, count: c.outputCount)
                    for i in (0..<chunks.count).reversed() {
                        byChunk.forward(input: x.base, output: y2.base, samples: chunks.starts[i]..<chunks.starts[i + 1])
                    }
                    assertSameBits(y2.values, ys, "\(name) chunk-by-chunk forward")
                    let bySample = Buffer(repeating: 9, count: c.inputCount)
                    for n in 0..<c.batch {
                        byChunk.backward(
                            input: x.base, output: y2.base, gradOutput: dy.base, gradInput: bySample.base, throughReLU: throughReLU, samples: n..<(n + 1))
                    }
                    assertSameBits(bySample.values, whole, "\(name) sample by sample")

                    if !nonFinite {
                        let r = try ReferenceBackend().maxPool(c)
                        var ry = [Float](repeating: 0, count: c.outputCount), rdx = [Float](repeating: 9, count: c.inputCount)
                        r.forward(input: xs, output: &ry)
                        r.backward(input: xs, output: ry, gradOutput: dys, gradInput: &rdx, throughReLU: throughReLU)
                        XCTAssertEqual(ys, ry, "\(name) forward against the reference")
                        XCTAssertEqual(dx.values, rdx, "\(name) backward against the reference")
                    }
                }
            }
        }
    }

    /// (b) and (c): given buffers other than the forward's (a copy: same values, other addresses), the backward
    /// compares the input with the output, and gives the bits of the backward from the winners.
    func testBackwardOfOtherBuffersGivesTheSameBits() throws {
        var g = ReferenceTestGenerator(seed: 42)
        for c in configs {
            for throughReLU in [false, true] {
                let name = "\(c.batch)x\(c.height)x\(c.width)x\(c.channels) throughReLU \(throughReLU)"
                // Random data (few exact ties), then data with ties, NaN and non-finite gradients.
                for (xs, dys) in [
                    ((0..<c.inputCount).map { _ in Float(g.uniform(throughReLU ? 0 : -1, 1)) }, gradients(c.outputCount, &g, nonFinite: false)),
                    (input(c.inputCount, &g, relu: throughReLU, nan: true), gradients(c.outputCount, &g, nonFinite: true))
                ] {
                    let x = Buffer(xs), y = Buffer(repeating: 0, count: c.outputCount), dy = Buffer(dys)
                    let k = try dnnl.maxPool(c)
                    k.forward(input: x.base, output: y.base)
                    let fromWinners = Buffer(repeating: 9, count: c.inputCount), compared = Buffer(repeating: 9, count: c.inputCount)
                    k.backward(input: x.base, output: y.base, gradOutput: dy.base, gradInput: fromWinners.base, throughReLU: throughReLU)
                    let otherX = Buffer(xs), otherY = Buffer(y.values)
                    k.backward(input: otherX.base, output: otherY.base, gradOutput: dy.base, gradInput: compared.base, throughReLU: throughReLU)
                    assertSameBits(compared.values, fromWinners.values, "\(name) other buffers")
                    let expected = expectedBackward(
                        c, x: xs, y: y.values, dy: dys, dx: compared.values, throughReLU: throughReLU, samples: 0..<c.batch)
                    assertSameBits(compared.values, expected, "\(name) other buffers against the rule")
                }
            }
        }
    }

    /// The backward given the forward's buffers does use the recorded winners (so the test above compares two
    /// different paths): it ignores an input overwritten in place since the forward, which the comparison would not.
    /// A chunk whose forward has not run on these buffers has no winners: its backward compares.
    func testBackwardOfTheForwardsBuffersReadsTheWinners() throws {
        var g = ReferenceTestGenerator(seed: 43)
        let c = MaxPoolConfig(batch: 20, height: 6, width: 6, channels: 8)
        let xs = (0..<c.inputCount).map { _ in Float(g.uniform(-1, 1)) }, dys = gradients(c.outputCount, &g, nonFinite: false)
        let x = Buffer(xs), y = Buffer(repeating: 0, count: c.outputCount), dy = Buffer(dys)
        let k = try dnnl.maxPool(c)
        k.forward(input: x.base, output: y.base)
        let ys = y.values
        let expected = expectedBackward(
            c, x: xs, y: ys, dy: dys, dx: [Float](repeating: 0, count: c.inputCount), throughReLU: false, samples: 0..<c.batch)
        x.pointer.update(repeating: 0)  // now no element equals its window's (nonzero) maximum
        let dx = Buffer(repeating: 9, count: c.inputCount)
        k.backward(input: x.base, output: y.base, gradOutput: dy.base, gradInput: dx.base)
        assertSameBits(dx.values, expected, "backward from the winners of the forward's input")

        // A new kernel whose forward ran on the first chunk only: the second chunk's backward compares x with y
        // (both zeros there: every gradient goes to the top-left element).
        let chunks = BatchChunks(batch: c.batch), second = chunks.starts[1]..<chunks.starts[2]
        let partial = try dnnl.maxPool(c), y2 = Buffer(repeating: 0, count: c.outputCount)
        partial.forward(input: x.base, output: y2.base, samples: chunks.starts[0]..<chunks.starts[1])
        let fallback = Buffer(repeating: 9, count: c.inputCount)
        partial.backward(input: x.base, output: y2.base, gradOutput: dy.base, gradInput: fallback.base, throughReLU: false, samples: second)
        let zeros = [Float](repeating: 0, count: c.inputCount), untouched = [Float](repeating: 9, count: c.inputCount)
        assertSameBits(
            fallback.values, expectedBackward(c, x: zeros, y: y2.values, dy: dys, dx: untouched, throughReLU: false, samples: second),
            "a chunk without winners")
    }
}
