import CDNNL
import Dispatch

/// 2x2 / stride-2 max pooling. The forward pass runs on oneDNN's JIT pooling in inference mode
/// (no workspace: oneDNN 2.6's training-mode max pooling writes a workspace and is about 4x slower
/// on NHWC, measured 10.4 ms vs 2.5 ms for 128x26x26x32 on one core). The backward pass routes each
/// output gradient to the first element of its window equal to the window's maximum, which is
/// exactly what the workspace would have recorded; it is a memory-bound scatter done here in Swift.
final class DNNLMaxPool: MaxPoolKernel {
    let config: MaxPoolConfig
    private let forwardPrimitive: DNNLPrimitive
    private let src: DNNLMemory, dst: DNNLMemory

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
        try dnnlCheck(dnnl_pooling_v2_forward_desc_init(&fwd, dnnl_forward_inference, dnnl_pooling_max, &s, &d, two, two, zero, zero, padR), "\(what): forward desc")
        forwardPrimitive = try DNNLPrimitive(fwd, attributes: attr, hint: nil, what: "\(what) forward")
        src = try DNNLMemory(srcDesc, owned: false)
        dst = try DNNLMemory(dstDesc, owned: false)
    }

    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        src.bind(input); dst.bind(output)
        forwardPrimitive.execute([(DNNLArg.src, src), (DNNLArg.dst, dst)])
    }

    func backward(input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                  gradOutput: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>) {
        let c = config
        let inSample = c.height * c.width * c.channels, outSample = c.outHeight * c.outWidth * c.channels
        let rowStride = c.width * c.channels
        let parts = max(1, min(ComputeThreads.current, c.batch))
        // Raw addresses cross into the concurrent closure (each part writes its own samples).
        let (x, y, dy, dx) = (UInt(bitPattern: input), UInt(bitPattern: output), UInt(bitPattern: gradOutput), UInt(bitPattern: gradInput))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let x = UnsafePointer<Float>(bitPattern: x)!, y = UnsafePointer<Float>(bitPattern: y)!
            let dy = UnsafePointer<Float>(bitPattern: dy)!, dx = UnsafeMutablePointer<Float>(bitPattern: dx)!
            for n in (c.batch * part / parts)..<(c.batch * (part + 1) / parts) {
                let xs = x + n * inSample, dxs = dx + n * inSample
                dxs.update(repeating: 0, count: inSample)
                var o = n * outSample
                for oh in 0..<c.outHeight {
                    for ow in 0..<c.outWidth {
                        let base = (2 * oh) * rowStride + (2 * ow) * c.channels
                        for ch in 0..<c.channels {
                            let m = y[o], g = dy[o]
                            let p0 = base + ch, p1 = p0 + c.channels, p2 = p0 + rowStride, p3 = p2 + c.channels
                            let winner = xs[p0] == m ? p0 : (xs[p1] == m ? p1 : (xs[p2] == m ? p2 : p3))
                            dxs[winner] = g
                            o += 1
                        }
                    }
                }
            }
        }
    }
}
