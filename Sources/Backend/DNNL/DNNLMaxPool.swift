import CDNNL

/// 2x2 / stride-2 max pooling. The forward pass runs on oneDNN's JIT pooling in inference mode
/// (no workspace: oneDNN 2.6's training-mode max pooling writes a workspace and is about 4x slower
/// on NHWC: 10.4 ms vs 2.5 ms for 128x26x26x32 on one core of an AVX2-only AMD EPYC, and its backward
/// takes 8-15 ms).
/// The backward pass routes each output gradient to the first element of its window equal to the
/// window's maximum, which is exactly what the workspace would have recorded: a memory-bound
/// pass done here in Swift. Both passes run per batch chunk
/// on the worker threads (`ChunkWorkers`); every output element depends on its own window only.
final class DNNLMaxPool: MaxPoolKernel {
    let config: MaxPoolConfig
    let chunks: BatchChunks
    private let forwardPasses: [PoolForward]

    /// The forward primitive of one chunk, with its memory objects (used by one worker at a time).
    private struct PoolForward {
        let primitive: DNNLPrimitive
        let src: DNNLMemory, dst: DNNLMemory
    }

    init(_ c: MaxPoolConfig) throws {
        config = c
        let chunks = BatchChunks(batch: c.batch)
        self.chunks = chunks
        let what = "maxPool2x2 \(c.height)x\(c.width)x\(c.channels), batch \(c.batch)"
        guard c.outHeight > 0, c.outWidth > 0 else { throw BackendError("\(what): input smaller than the 2x2 window") }
        forwardPasses = try (0..<chunks.count).map { i in
            var chunk = c
            chunk.batch = chunks.size(i)
            return try DNNLMaxPool.makeForward(chunk, what: what)
        }
    }

    private static func makeForward(_ c: MaxPoolConfig, what: String) throws -> PoolForward {
        let srcDesc = try memoryDesc([c.batch, c.channels, c.height, c.width], dnnl_nhwc)
        let dstDesc = try memoryDesc([c.batch, c.channels, c.outHeight, c.outWidth], dnnl_nhwc)
        var s = srcDesc, d = dstDesc
        let two: [Int64] = [2, 2], zero: [Int64] = [0, 0]
        // Floor semantics: the right/bottom padding is negative for odd sizes (the last row/column is dropped).
        let padR: [Int64] = [Int64(c.outHeight * 2 - c.height), Int64(c.outWidth * 2 - c.width)]
        let attr = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(attr) }
        var fwd = dnnl_pooling_v2_desc_t()
        try dnnlCheck(
            dnnl_pooling_v2_forward_desc_init(&fwd, dnnl_forward_inference, dnnl_pooling_max, &s, &d, two, two, zero, zero, padR), "\(what): forward desc")
        return PoolForward(
            primitive: try DNNLPrimitive(fwd, attributes: attr, hint: nil, what: "\(what) forward"),
            src: try DNNLMemory(srcDesc, owned: false), dst: try DNNLMemory(dstDesc, owned: false))
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        ChunkWorkers.run(chunks.count) { i in forward(chunk: i, input: input, output: output) }
    }

    /// `samples` must be one of the batch's chunks (`BatchChunks(batch:)`): a convolution of the same batch runs this per chunk.
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, samples: Range<Int>) {
        forward(chunk: chunkIndex(samples), input: input, output: output)
    }

    private func forward(chunk i: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let inSample = config.height * config.width * config.channels, outSample = config.outHeight * config.outWidth * config.channels
        let pass = forwardPasses[i], first = chunks.starts[i]
        pass.src.bind(input + first * inSample); pass.dst.bind(output + first * outSample)
        pass.primitive.execute([(DNNLArg.src, pass.src), (DNNLArg.dst, pass.dst)])
    }

    private func chunkIndex(_ samples: Range<Int>) -> Int {
        guard let i = chunks.starts.firstIndex(of: samples.lowerBound), i < chunks.count, chunks.starts[i + 1] == samples.upperBound else {
            preconditionFailure("max pooling of batch \(config.batch): samples \(samples) are not one of its chunks \(chunks.starts)")
        }
        return i
    }

    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>, throughReLU: Bool
    ) {
        ChunkWorkers.run(chunks.count) { i in
            backward(
                input: input, output: output, gradOutput: gradOutput, gradInput: gradInput, throughReLU: throughReLU,
                samples: chunks.starts[i]..<chunks.starts[i + 1])
        }
    }

    /// Any range of samples (each output depends on its own window only).
    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, throughReLU: Bool, samples: Range<Int>
    ) {
        if throughReLU {
            backward(samples: samples, input: input, output: output, gradOutput: gradOutput, gradInput: gradInput, smallestPassing: 0)
        } else {
            backward(samples: samples, input: input, output: output, gradOutput: gradOutput, gradInput: gradInput, smallestPassing: -.infinity)
        }
    }

    /// A window passes its gradient when its maximum is above `smallestPassing` (0 through a ReLU, -infinity otherwise).
    /// Each window's gradient g goes to the first element (row-major) equal to the maximum; the other three get
    /// g * 0 (a zero with g's sign, as a 0/1 mask times g gives). Eight channels at a time in SIMD registers
    /// (explicit: the scalar form of this loop does not vectorise and runs at ~7 cycles per element
    /// on a Zen 4 EPYC).
    @inline(__always)
    private func backward(
        samples: Range<Int>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>, smallestPassing: Float
    ) {
        let c = config, channels = c.channels
        let inSample = c.height * c.width * channels, outSample = c.outHeight * c.outWidth * channels
        let rowStride = c.width * channels
        let vectorChannels = channels - channels % 8
        let threshold = SIMD8<Float>(repeating: smallestPassing), one = SIMD8<Float>(repeating: 1), zero = SIMD8<Float>()
        for n in samples {
            let x = input + n * inSample, dx = gradInput + n * inSample
            var y = output + n * outSample, dy = gradOutput + n * outSample
            if c.height % 2 == 1 { (dx + (c.height - 1) * rowStride).update(repeating: 0, count: rowStride) }
            for oh in 0..<c.outHeight {
                if c.width % 2 == 1 {
                    (dx + (2 * oh) * rowStride + (c.width - 1) * channels).update(repeating: 0, count: channels)
                    (dx + (2 * oh + 1) * rowStride + (c.width - 1) * channels).update(repeating: 0, count: channels)
                }
                for ow in 0..<c.outWidth {
                    let p0 = (2 * oh) * rowStride + (2 * ow) * channels
                    let p1 = p0 + channels, p2 = p0 + rowStride, p3 = p2 + channels
                    var ch = 0
                    while ch < vectorChannels {
                        let m = load(y + ch)
                        let g = load(dy + ch) * one.replacing(with: zero, where: .!(m .> threshold))
                        let lost = g * zero
                        let e0 = load(x + p0 + ch) .== m
                        let e1 = (load(x + p1 + ch) .== m) .& .!e0
                        let e2 = (load(x + p2 + ch) .== m) .& .!(e0 .| e1)
                        let e3 = .!(e0 .| e1 .| e2)
                        store(lost.replacing(with: g, where: e0), dx + p0 + ch)
                        store(lost.replacing(with: g, where: e1), dx + p1 + ch)
                        store(lost.replacing(with: g, where: e2), dx + p2 + ch)
                        store(lost.replacing(with: g, where: e3), dx + p3 + ch)
                        ch += 8
                    }
                    while ch < channels {
                        let m = y[ch], g = dy[ch] * (m > smallestPassing ? 1 : 0)
                        let f0: Float = x[p0 + ch] == m ? 1 : 0
                        let f1: Float = (x[p1 + ch] == m ? 1 : 0) * (1 - f0)
                        let f2: Float = (x[p2 + ch] == m ? 1 : 0) * (1 - f0) * (1 - f1)
                        let f3: Float = (1 - f0) * (1 - f1) * (1 - f2)
                        dx[p0 + ch] = f0 * g
                        dx[p1 + ch] = f1 * g
                        dx[p2 + ch] = f2 * g
                        dx[p3 + ch] = f3 * g
                        ch += 1
                    }
                    y += channels; dy += channels
                }
            }
        }
    }

    @inline(__always) private func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
