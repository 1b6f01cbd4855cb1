import CDNNL

/// 2-D convolution on oneDNN, deterministic by construction. The batch is split into fixed
/// chunks (`BatchChunks`); every pass runs per chunk as a one-thread oneDNN primitive on the
/// worker threads (`ChunkWorkers`), and the weight gradient is the chunks' partial gradients added
/// in chunk order. So every output has the same bits for any thread count on a given ISA.
/// Activations stay in the caller's NHWC buffers (each chunk is a contiguous run of samples);
/// weights are reordered into the layout oneDNN prefers. The ReLU is fused as a post-op.
/// In bf16 precision each chunk's input and output gradient are cast to bfloat16 copies (weights
/// by the layout reorder; the output gradient by the bias-sum loop that reads it anyway) and the
/// primitives multiply in bf16 with float32 results. With the Winograd
/// algorithm (where oneDNN has it for the shape) each chunk's activations are copied into and out of
/// the blocked layout its kernels want; the weight gradient is still summed in chunk order.
/// Work on the same samples runs inside the chunk's pass while its data is in cache: the caller's
/// `ChunkStage` (the max pooling above) after forward and before backward weights, and the ReLU mask
/// of the input after backward data.
final class DNNLConv2D: Conv2DKernel {
    let config: Conv2DConfig
    let chunks: BatchChunks
    /// One op per chunk (a chunk's primitives and scratchpad are used by one worker at a time).
    private let ops: [DNNLWeightedOp]
    /// Each chunk's weight gradient, in Keras' HWIO layout, added in chunk order after the pass.
    private let partialGradients: UnsafeMutablePointer<Float>
    /// Each image's bias-gradient channel sums, added in image order after the pass.
    private let imageChannelSums: UnsafeMutablePointer<Float>
    /// bf16 only: per chunk, the bf16 copies of the input (made in forward, used again by backward
    /// weights: the input of a backward pass is the last forward's) and of the output gradient.
    private let inputCasts: [DNNLPrecisionCast], gradientCasts: [DNNLPrecisionCast]
    /// bf16 only: the output gradient whose bf16 copies backward weights made, reused by the backward
    /// data pass that follows it on the same gradient (cleared by forward and after that use).
    private var castGradient: UnsafePointer<Float>?

    init(_ c: Conv2DConfig) throws {
        config = c
        chunks = BatchChunks(batch: c.batch)
        // One op per chunk (each has one scratchpad for its three passes); ops of equal size share their JIT code through oneDNN's primitive cache.
        let chunks = self.chunks
        ops = try (0..<chunks.count).map { try DNNLConv2D.makeOp(c, batch: chunks.size($0)) }
        if c.precision == .bf16 {
            inputCasts = try (0..<chunks.count).map {
                try DNNLPrecisionCast(dims: [chunks.size($0), c.inChannels, c.height, c.width], tag: dnnl_nhwc, to: dnnl_bf16)
            }
            gradientCasts = try (0..<chunks.count).map {
                try DNNLPrecisionCast(dims: [chunks.size($0), c.outChannels, c.outHeight, c.outWidth], tag: dnnl_nhwc, to: dnnl_bf16)
            }
        } else {
            inputCasts = []; gradientCasts = []
        }
        partialGradients = .allocate(capacity: max(1, chunks.count) * c.weightCount)
        imageChannelSums = .allocate(capacity: max(1, c.batch * c.outChannels))
    }

    deinit { partialGradients.deallocate(); imageChannelSums.deallocate() }

    /// The chunk's three primitives: Winograd when asked for and `winogradPays`, else direct.
    private static func makeOp(_ full: Conv2DConfig, batch: Int) throws -> DNNLWeightedOp {
        var c = full
        c.batch = batch
        if winogradPays(c), let op = try? makeOp(c, algorithm: dnnl_convolution_winograd) {
            return op
        }
        return try makeOp(c, algorithm: dnnl_convolution_direct)
    }

    /// Winograd for float32 3x3 convolutions with at least 16 input channels, where oneDNN has kernels (when it
    /// has none the direct ones run). Fewer input channels are padded to 16 by oneDNN's Winograd kernels: the seed
    /// CNN's first convolution (3 channels) takes 1.0 ms per 16-sample chunk there against 0.2-0.3 ms direct
    /// (ONEDNN_VERBOSE, AMD EPYC Zen 4, AVX-512). A fixed rule, so the choice never depends on a timing.
    static func winogradPays(_ c: Conv2DConfig) -> Bool {
        c.algorithm == .winograd && c.precision == .fp32 && c.kernelSize == 3 && c.inChannels >= 16
    }

    private static func makeOp(_ c: Conv2DConfig, algorithm: dnnl_alg_kind_t) throws -> DNNLWeightedOp {
        let winograd = algorithm == dnnl_convolution_winograd
        let what =
            "conv2D \(c.height)x\(c.width)x\(c.inChannels) -> \(c.outChannels), k=\(c.kernelSize), chunk of \(c.batch), \(c.precision.rawValue)\(winograd ? ", Winograd" : "")"
        // bf16: src, weights and diff_dst in bf16; dst, diff_src, diff_weights and bias in f32 (oneDNN's bf16 training convolutions).
        let multiplied = c.precision == .bf16 ? dnnl_bf16 : dnnl_f32
        let inDims = [c.batch, c.inChannels, c.height, c.width], outDims = [c.batch, c.outChannels, c.outHeight, c.outWidth]
        let srcDesc = try memoryDesc(inDims, dnnl_nhwc, multiplied), dstDesc = try memoryDesc(outDims, dnnl_nhwc)
        let diffSrcDesc = try memoryDesc(inDims, dnnl_nhwc), diffDstDesc = try memoryDesc(outDims, dnnl_nhwc, multiplied)
        // Winograd kernels want blocked activations: oneDNN chooses, the op copies to and from NHWC per chunk.
        let activationTag = winograd ? dnnl_format_tag_any : dnnl_nhwc
        let weightDims = [c.outChannels, c.inChannels, c.kernelSize, c.kernelSize]
        var anyWeights = try memoryDesc(weightDims, dnnl_format_tag_any, multiplied)
        var anyDiffWeights = try memoryDesc(weightDims, dnnl_format_tag_any)
        var biasDesc = try memoryDesc([c.outChannels], dnnl_x)
        let strides: [Int64] = [1, 1]
        let padL: [Int64] = [Int64(c.padBefore), Int64(c.padBefore)]
        let padR: [Int64] = [Int64(c.padAfter), Int64(c.padAfter)]
        var s = try memoryDesc(inDims, activationTag, multiplied), d = try memoryDesc(outDims, activationTag)
        var ds = try memoryDesc(inDims, activationTag), dd = try memoryDesc(outDims, activationTag, multiplied)
        var fwd = dnnl_convolution_desc_t(), bwdData = dnnl_convolution_desc_t(), bwdWeights = dnnl_convolution_desc_t()
        try dnnlCheck(
            dnnl_convolution_forward_desc_init(
                &fwd, dnnl_forward_training, algorithm,
                &s, &anyWeights, &biasDesc, &d, strides, padL, padR), "\(what): forward desc")
        try dnnlCheck(
            dnnl_convolution_backward_data_desc_init(
                &bwdData, algorithm, &ds, &anyWeights, &dd,
                strides, padL, padR), "\(what): backward data desc")
        // No bias here: its gradient is a channel sum, done by `ChannelSums` (much faster than oneDNN 2.6's loop).
        try dnnlCheck(
            dnnl_convolution_backward_weights_desc_init(
                &bwdWeights, algorithm, &s, &anyDiffWeights, nil, &dd,
                strides, padL, padR), "\(what): backward weights desc")
        let attributes = try DNNLPrimitive.userScratchpadAttributes(reluPostOp: c.fuseReLU)
        defer { dnnl_primitive_attr_destroy(attributes) }
        return try DNNLWeightedOp(
            forward: fwd, backwardData: bwdData, backwardWeights: bwdWeights, forwardAttributes: attributes,
            src: srcDesc, dst: dstDesc, bias: biasDesc, diffSrc: diffSrcDesc, diffDst: diffDstDesc, userWeights: try memoryDesc(weightDims, dnnl_hwio),
            backwardWeightsHasBias: false, forwardImplementation: forwardImplementation(c, winograd: winograd), what: what)
    }

    /// bf16 direct forward: oneDNN 2.6 lists its brgemm kernel ("brgconv") first for NHWC, but its older direct
    /// kernel ("jit_bf16") takes NHWC too and is faster for the seed CNN's shapes with the fused ReLU, one thread,
    /// 16-sample chunks: 7.4 against 8.2 ms per 128 samples for 28x28x32 -> 26x26x32, 1.1 against 1.5 ms for
    /// 28x28x3 -> 28x28x32 (bench/conv_kernels.c, AMD EPYC Zen 4, 2026-12-07). Its backward kernels are oneDNN's
    /// first choice already (jit_bf16). A fixed rule by kernel name, so the choice never depends on a timing.
    static func forwardImplementation(_ c: Conv2DConfig, winograd: Bool) -> String? {
        c.precision == .bf16 && !winograd ? "jit_bf16" : nil
    }

    private var inputPerSample: Int { config.height * config.width * config.inChannels }
    private var outputPerSample: Int { config.outHeight * config.outWidth * config.outChannels }

    func forward(input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        forward(input: input, weights: weights, bias: bias, output: output, stage: nil)
    }

    func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, thenOnEachChunk stage: ChunkStage
    ) {
        withoutActuallyEscaping(stage) { forward(input: input, weights: weights, bias: bias, output: output, stage: $0) }
    }

    private func forward(
        input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, stage: ChunkStage?
    ) {
        let inStride = inputPerSample, outStride = outputPerSample
        castGradient = nil
        let casts = inputCasts
        ChunkWorkers.run(chunks.count) { i in
            let first = chunks.starts[i]
            let chunkInput = UnsafeRawPointer(input + first * inStride)
            ops[i].forward(input: casts.isEmpty ? chunkInput : casts[i].cast(chunkInput), weights: weights, bias: bias, output: output + first * outStride)
            stage?(first..<chunks.starts[i + 1])
        }
    }

    /// bf16: the chunk's output gradient as bf16, cast now unless backward weights already made the copy of this gradient.
    private func chunkGradient(_ gradOutput: UnsafePointer<Float>, _ i: Int, reuse: Bool) -> UnsafeRawPointer {
        let chunk = UnsafeRawPointer(gradOutput + chunks.starts[i] * outputPerSample)
        if gradientCasts.isEmpty { return chunk }
        return reuse ? gradientCasts[i].converted : gradientCasts[i].cast(chunk)
    }

    func backwardData(gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput, mask: nil)
    }

    func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, maskedByReLUOutput input: UnsafePointer<Float>
    ) {
        backwardData(gradOutput: gradOutput, weights: weights, gradInput: gradInput, mask: input)
    }

    /// Each chunk's input gradient, masked by the ReLU output `mask` (when given) while it is in cache.
    private func backwardData(
        gradOutput: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>, mask: UnsafePointer<Float>?
    ) {
        let inStride = inputPerSample
        let reuse = castGradient == gradOutput
        castGradient = nil
        ChunkWorkers.run(chunks.count) { i in
            let first = chunks.starts[i]
            ops[i].backwardData(gradOutput: chunkGradient(gradOutput, i, reuse: reuse), weights: weights, gradInput: gradInput + first * inStride)
            if let mask {
                ReLUMask.apply(gradInput + first * inStride, reluOutput: mask + first * inStride, count: chunks.size(i) * inStride)
            }
        }
    }

    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias, stage: nil)
    }

    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        firstOnEachChunk stage: ChunkStage
    ) {
        withoutActuallyEscaping(stage) { backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias, stage: $0) }
    }

    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>,
        firstOnEachChunk stage: ChunkStage, orSums sums: GradientSumsStage
    ) {
        withoutActuallyEscaping(stage) { stage in
            withoutActuallyEscaping(sums) { sums in
                backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias, stage: stage, sums: sums)
            }
        }
    }

    /// bf16: the mask is applied by the bias-sum loop to the sums and the bf16 copy (`gradOutput` stays unmasked);
    /// float32: as every kernel without a bf16 copy (`maskThenBackwardWeights`).
    func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafeMutablePointer<Float>, maskedByReLUOutput reluOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>
    ) {
        guard !gradientCasts.isEmpty else {
            maskThenBackwardWeights(input: input, gradOutput: gradOutput, maskedByReLUOutput: reluOutput, gradWeights: gradWeights, gradBias: gradBias)
            return
        }
        backwardWeights(input: input, gradOutput: gradOutput, gradWeights: gradWeights, gradBias: gradBias, stage: nil, mask: reluOutput)
    }

    private func backwardWeights(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>,
        gradWeights: UnsafeMutablePointer<Float>, gradBias: UnsafeMutablePointer<Float>, stage: ChunkStage?,
        sums: GradientSumsStage? = nil, mask: UnsafePointer<Float>? = nil
    ) {
        let inStride = inputPerSample, outStride = outputPerSample, n = config.weightCount
        let partials = partialGradients, imageSums = imageChannelSums, casts = inputCasts
        let pixels = config.outHeight * config.outWidth, channels = config.outChannels, rows = config.batch * pixels
        ChunkWorkers.run(chunks.count) { i in
            let first = chunks.starts[i]
            // bf16: the input's copy from the forward pass of this batch (backward always follows it).
            let chunkInput = casts.isEmpty ? UnsafeRawPointer(input + first * inStride) : casts[i].converted
            // The bias sums read the chunk's output gradient; in bf16 the same pass writes its bf16 copy. With a
            // stage, sample by sample: the stage writes a sample's gradient and the sums read it while it is in cache.
            let copy = gradientCasts.isEmpty ? nil : gradientCasts[i].destination
            let end = chunks.starts[i + 1]
            var from = first
            while from < end {
                let to = stage == nil ? end : from + 1
                let sampleCopy = copy.map { $0 + (from - first) * outStride * MemoryLayout<UInt16>.stride }
                // bf16: the stage may give the sums and the copy without writing the float32 gradient.
                if let sums, let sampleCopy, sums(from..<to, imageSums, sampleCopy.assumingMemoryBound(to: UInt16.self)) {
                    from = to
                    continue
                }
                stage?(from..<to)
                ChannelSums.groupSums(
                    gradOutput, rows: rows, channels: channels, rowsPerGroup: pixels, groups: from..<to, into: imageSums,
                    bf16Copy: sampleCopy, maskedByReLUOutput: mask)
                from = to
            }
            let chunkGradient = gradientCasts.isEmpty ? UnsafeRawPointer(gradOutput + first * outStride) : gradientCasts[i].converted
            ops[i].backwardWeights(input: chunkInput, gradOutput: chunkGradient, gradWeights: partials + i * n, gradBias: gradBias)
        }
        castGradient = gradientCasts.isEmpty ? nil : gradOutput
        // Chunk order, whatever thread computed each chunk.
        gradWeights.update(from: partials, count: n)
        for i in 1..<chunks.count {
            let p = partials + i * n
            for j in 0..<n { gradWeights[j] += p[j] }
        }
        ChannelSums.addGroups(imageSums, groups: config.batch, channels: channels, into: gradBias)
    }

    /// oneDNN's implementation names (e.g. "jit:avx2") for forward, backward data and backward weights (of the first chunk).
    var implementationNames: [String] { ops[0].implementationNames }
}
