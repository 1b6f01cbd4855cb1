import CDNNL

/// A float32 buffer of fixed shape converted into an owned copy in another data type (bfloat16
/// for the bf16 convolutions) by a oneDNN reorder, which rounds to nearest even as Keras'
/// `mixed_bfloat16` casts do. One per chunk and tensor: the copy lives until the next `cast`.
final class DNNLPrecisionCast {
    private let source: DNNLMemory
    private let copy: DNNLMemory
    private let reorder: DNNLPrimitive

    /// `dims` in oneDNN's logical order (e.g. N, C, H, W) with `tag` the plain layout of both buffers.
    init(dims: [Int], tag: dnnl_format_tag_t, to type: dnnl_data_type_t) throws {
        let from = try memoryDesc(dims, tag, dnnl_f32), to = try memoryDesc(dims, tag, type)
        source = try DNNLMemory(from, owned: false)
        copy = try DNNLMemory(to, owned: true)
        reorder = try DNNLPrimitive(reorderFrom: from, to: to)
    }

    /// Converts `values` and returns the converted copy's address.
    func cast(_ values: UnsafeRawPointer) -> UnsafeRawPointer {
        source.bind(values)
        reorder.execute([(DNNLArg.src, source), (DNNLArg.dst, copy)])
        return converted
    }

    /// The last `cast`'s result.
    var converted: UnsafeRawPointer { UnsafeRawPointer(copy.dataHandle) }

    /// The copy's buffer, for a loop that converts the values itself while it reads them for another reason
    /// (`ChannelSums.groupSums(bf16Copy:)`), rounding as the reorder does; `converted` then returns it.
    var destination: UnsafeMutableRawPointer { copy.dataHandle }
}
