import CDNNL

/// Element-wise activation on oneDNN's eltwise primitive; backward uses the forward output.
final class DNNLActivation: ActivationKernel {
    let activation: Activation
    let count: Int
    private let forwardPrimitive: DNNLPrimitive
    private let backwardPrimitive: DNNLPrimitive
    private let src: DNNLMemory, dst: DNNLMemory, diffSrc: DNNLMemory, diffDst: DNNLMemory

    init(_ activation: Activation, count: Int) throws {
        self.activation = activation
        self.count = count
        let what = "\(activation.rawValue) over \(count) values"
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
        let forwardPrimitiveLocal = try DNNLPrimitive(fwd, attributes: attr, hint: nil, what: "\(what) forward")
        forwardPrimitive = forwardPrimitiveLocal
        var bwd = dnnl_eltwise_desc_t()
        try dnnlCheck(dnnl_eltwise_backward_desc_init(&bwd, alg, &m, &m, alpha, 0), "\(what): backward desc")
        let backwardPrimitiveLocal = try DNNLPrimitive(bwd, attributes: attr, hint: forwardPrimitiveLocal, what: "\(what) backward")
        backwardPrimitive = backwardPrimitiveLocal
        src = try DNNLMemory(desc, owned: false)
        dst = try DNNLMemory(desc, owned: false)
        diffSrc = try DNNLMemory(desc, owned: false)
        diffDst = try DNNLMemory(desc, owned: false)
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        src.bind(input); dst.bind(output)
        forwardPrimitive.execute([(DNNLArg.src, src), (DNNLArg.dst, dst)])
    }

    func backward(output: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        diffDst.bind(gradOutput); diffSrc.bind(gradInput)
        // The *_use_dst_for_bwd algorithms read the forward output; linear reads the input, whose value does not matter.
        let data = activation == .linear ? src : dst
        data.bind(output)
        backwardPrimitive.execute([(activation == .linear ? DNNLArg.src : DNNLArg.dst, data), (DNNLArg.diffDst, diffDst), (DNNLArg.diffSrc, diffSrc)])
    }
}
