import CDNNL

/// 2x2 / stride-2 max pooling on oneDNN (NHWC); the workspace records the winners for backward.
final class DNNLMaxPool: MaxPoolKernel {
    let config: MaxPoolConfig
    private let forwardPrimitive: DNNLPrimitive
    private let backwardPrimitive: DNNLPrimitive
    private let src: DNNLMemory, dst: DNNLMemory, diffSrc: DNNLMemory, diffDst: DNNLMemory
    private let workspace: DNNLMemory

    init(_ c: MaxPoolConfig) throws {
        config = c
        let what = "maxPool2x2 \(c.height)x\(c.width)x\(c.channels), batch \(c.batch)"
        guard c.outHeight > 0, c.outWidth > 0 else { throw BackendError("\(what): input smaller than the 2x2 window") }
        let srcDesc = try memoryDesc([c.batch, c.channels, c.height, c.width], dnnl_nhwc)
        let dstDesc = try memoryDesc([c.batch, c.channels, c.outHeight, c.outWidth], dnnl_nhwc)
        var s = srcDesc, d = dstDesc
        let two: [Int64] = [2, 2], zero: [Int64] = [0, 0]
        // Floor semantics: the right/bottom padding is negative for odd sizes (the last row/column is dropped).
        let padR: [Int64] = [Int64(c.outHeight * 2 - c.height), Int64(c.outWidth * 2 - c.width)]
        let attr = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(attr) }
        var fwd = dnnl_pooling_v2_desc_t()
        try dnnlCheck(dnnl_pooling_v2_forward_desc_init(&fwd, dnnl_forward_training, dnnl_pooling_max, &s, &d, two, two, zero, zero, padR), "\(what): forward desc")
        let forwardPrimitiveLocal = try DNNLPrimitive(fwd, attributes: attr, hint: nil, what: "\(what) forward")
        forwardPrimitive = forwardPrimitiveLocal
        var bwd = dnnl_pooling_v2_desc_t()
        try dnnlCheck(dnnl_pooling_v2_backward_desc_init(&bwd, dnnl_pooling_max, &s, &d, two, two, zero, zero, padR), "\(what): backward desc")
        let backwardPrimitiveLocal = try DNNLPrimitive(bwd, attributes: attr, hint: forwardPrimitiveLocal, what: "\(what) backward")
        backwardPrimitive = backwardPrimitiveLocal
        src = try DNNLMemory(srcDesc, owned: false)
        dst = try DNNLMemory(dstDesc, owned: false)
        diffSrc = try DNNLMemory(srcDesc, owned: false)
        diffDst = try DNNLMemory(dstDesc, owned: false)
        workspace = try DNNLMemory(forwardPrimitive.chosen(dnnl_query_workspace_md), owned: true)
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        src.bind(input); dst.bind(output)
        forwardPrimitive.execute([(DNNLArg.src, src), (DNNLArg.dst, dst), (DNNLArg.workspace, workspace)])
    }

    func backward(gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        diffDst.bind(gradOutput); diffSrc.bind(gradInput)
        backwardPrimitive.execute([(DNNLArg.diffDst, diffDst), (DNNLArg.workspace, workspace), (DNNLArg.diffSrc, diffSrc)])
    }
}
