import CDNNL

/// Element-wise activation on oneDNN's eltwise primitive; backward uses the forward output.
/// Large buffers (a convolution's output: millions of values) are cut into up to 8 equal parts run
/// on the worker threads (`ChunkWorkers`); each value depends on its own input only, so the split
/// never changes a result.
final class DNNLActivation: ActivationKernel {
    let activation: Activation
    let count: Int
    private let parts: [Part]

    /// One contiguous part of the buffer with its own primitives and memory objects (used by one worker at a time).
    private struct Part {
        let start: Int
        let forward: DNNLPrimitive, backward: DNNLPrimitive
        let src: DNNLMemory, dst: DNNLMemory, diffSrc: DNNLMemory, diffDst: DNNLMemory
    }

    /// Values per part at least: below this a second thread costs more than it saves.
    static let minimumPart = 65_536

    init(_ activation: Activation, count: Int) throws {
        self.activation = activation
        self.count = count
        let partCount = max(1, min(8, count / DNNLActivation.minimumPart))
        let starts = (0...partCount).map { $0 * count / partCount }
        parts = try (0..<partCount).map { i in
            try DNNLActivation.makePart(activation, start: starts[i], count: starts[i + 1] - starts[i], of: count)
        }
    }

    private static func makePart(_ activation: Activation, start: Int, count: Int, of total: Int) throws -> Part {
        let what = "\(activation.rawValue) over \(count) of \(total) values"
        let alg: dnnl_alg_kind_t, alpha: Float
        switch activation {
        case .relu: alg = dnnl_eltwise_relu_use_dst_for_bwd; alpha = 0
        case .tanh: alg = dnnl_eltwise_tanh_use_dst_for_bwd; alpha = 0
        case .sigmoid: alg = dnnl_eltwise_logistic_use_dst_for_bwd; alpha = 0
        case .linear: alg = dnnl_eltwise_linear; alpha = 1
        }
        let desc = try memoryDesc([count], dnnl_x)
        var m = desc
        let attr = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(attr) }
        var fwd = dnnl_eltwise_desc_t()
        try dnnlCheck(dnnl_eltwise_forward_desc_init(&fwd, dnnl_forward_training, alg, &m, alpha, 0), "\(what): forward desc")
        let forward = try DNNLPrimitive(fwd, attributes: attr, hint: nil, what: "\(what) forward")
        var bwd = dnnl_eltwise_desc_t()
        try dnnlCheck(dnnl_eltwise_backward_desc_init(&bwd, alg, &m, &m, alpha, 0), "\(what): backward desc")
        let backward = try DNNLPrimitive(bwd, attributes: attr, hint: forward, what: "\(what) backward")
        return Part(
            start: start, forward: forward, backward: backward,
            src: try DNNLMemory(desc, owned: false), dst: try DNNLMemory(desc, owned: false),
            diffSrc: try DNNLMemory(desc, owned: false), diffDst: try DNNLMemory(desc, owned: false))
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        ChunkWorkers.run(parts.count) { i in
            let part = parts[i]
            part.src.bind(input + part.start); part.dst.bind(output + part.start)
            part.forward.execute([(DNNLArg.src, part.src), (DNNLArg.dst, part.dst)])
        }
    }

    func backward(output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        let linear = activation == .linear
        ChunkWorkers.run(parts.count) { i in
            let part = parts[i]
            part.diffDst.bind(gradOutput + part.start); part.diffSrc.bind(gradInput + part.start)
            // The *_use_dst_for_bwd algorithms read the forward output; linear reads the input, whose value does not matter.
            let data = linear ? part.src : part.dst
            data.bind(output + part.start)
            part.backward.execute([(linear ? DNNLArg.src : DNNLArg.dst, data), (DNNLArg.diffDst, part.diffDst), (DNNLArg.diffSrc, part.diffSrc)])
        }
    }
}
