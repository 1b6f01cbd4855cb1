import CDNNL
import CVectorLoops

/// 2x2 / stride-2 max pooling. The forward pass runs on oneDNN's JIT pooling in inference mode
/// (no workspace: oneDNN 2.6's training-mode max pooling writes a workspace and is about 4x slower
/// on NHWC: 10.4 ms vs 2.5 ms for 128x26x26x32 on one core of an AVX2-only AMD EPYC, and its backward
/// takes 8-15 ms).
/// The backward pass routes each output gradient to the first element of its window equal to the
/// window's maximum, which is exactly what the workspace would have recorded. Our own workspace: right
/// after each chunk's forward, while its input is still in cache, a C loop (CVectorLoops) records each
/// window's winner and whether its maximum is above 0 and above -infinity in one byte (`winners`), with
/// the input and output pointers the chunk was computed from. The backward of `samples` reads those
/// bytes instead of the input and output when every chunk overlapping `samples` was last computed from
/// the pointers it is given; otherwise (a backward given other buffers) it falls back to the loop that
/// compares the input with the output. Both give the same bits. Both passes run per batch chunk
/// on the worker threads (`ChunkWorkers`); every output element depends on its own window only.
final class DNNLMaxPool: MaxPoolKernel {
    let config: MaxPoolConfig
    let chunks: BatchChunks
    private let forwardPasses: [PoolForward]
    /// One byte per output element (`one_neuron_max_pool_2x2_winners`), for the whole batch.
    private let winners: UnsafeMutablePointer<UInt8>
    /// Per chunk, the input and output the chunk's `winners` were computed from (nil before its first forward).
    /// Written by each chunk's forward on its worker thread: a buffer, not a Swift array, so no copy-on-write.
    private let winnersSources: UnsafeMutablePointer<WinnersSource>

    private struct WinnersSource: Equatable {
        var input: UnsafePointer<Float>?, output: UnsafePointer<Float>?
    }

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
        winners = .allocate(capacity: c.outputCount)
        winnersSources = .allocate(capacity: chunks.count)
        winnersSources.initialize(repeating: WinnersSource(input: nil, output: nil), count: chunks.count)
    }

    deinit {
        winners.deallocate()
        winnersSources.deallocate()
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
        one_neuron_max_pool_2x2_winners(
            input, output, winners, first, chunks.starts[i + 1], config.height, config.width, config.channels)
        winnersSources[i] = WinnersSource(input: input, output: UnsafePointer(output))
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
        guard !samples.isEmpty else { return }
        if hasWinners(of: samples, input: input, output: output) {
            one_neuron_max_pool_2x2_backward_from_winners(
                winners, gradOutput, gradInput, samples.lowerBound, samples.upperBound,
                config.height, config.width, config.channels, throughReLU ? 1 : 0)
            return
        }
        // A window passes its gradient when its maximum is above 0 through a ReLU, -infinity otherwise.
        one_neuron_max_pool_2x2_backward(
            input, output, gradOutput, gradInput, samples.lowerBound, samples.upperBound,
            config.height, config.width, config.channels, throughReLU ? 0 : -.infinity)
    }

    /// From the winners, when this chunk's forward recorded them for `input` and `output` and the CPU has AVX512_BF16.
    func backwardSums(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, throughReLU: Bool,
        samples: Range<Int>, sums: UnsafeMutablePointer<Float>, bf16Copy: UnsafeMutablePointer<UInt16>
    ) -> Bool {
        guard !samples.isEmpty else { return true }
        guard hasWinners(of: samples, input: input, output: output) else { return false }
        return one_neuron_max_pool_2x2_backward_sums_bf16(
            winners, gradOutput, sums, bf16Copy, samples.lowerBound, samples.upperBound,
            config.height, config.width, config.channels, throughReLU ? 1 : 0) != 0
    }

    /// Whether every chunk overlapping `samples` was last computed from `input` and `output`.
    private func hasWinners(of samples: Range<Int>, input: UnsafePointer<Float>, output: UnsafePointer<Float>) -> Bool {
        let source = WinnersSource(input: input, output: output)
        for i in 0..<chunks.count where chunks.starts[i] < samples.upperBound && samples.lowerBound < chunks.starts[i + 1] {
            if winnersSources[i] != source { return false }
        }
        return true
    }
}
