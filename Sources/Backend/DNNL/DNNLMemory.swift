import CDNNL

/// Builds a memory descriptor with an explicit format tag (use `dnnl_format_tag_any` to let oneDNN choose).
func memoryDesc(_ dims: [Int], _ tag: dnnl_format_tag_t, _ type: dnnl_data_type_t = dnnl_f32) throws -> dnnl_memory_desc_t {
    var md = dnnl_memory_desc_t()
    let d = dims.map { Int64($0) }
    try dnnlCheck(dnnl_memory_desc_init_by_tag(&md, Int32(d.count), d, type, tag), "memory descriptor \(dims) tag \(tag.rawValue)")
    return md
}

/// A oneDNN memory object. Either it wraps caller-owned buffers (`bind` before every use)
/// or it owns a buffer allocated once by oneDNN (for layouts oneDNN prefers).
final class DNNLMemory {
    let handle: dnnl_memory_t
    let desc: dnnl_memory_desc_t

    /// - Parameter owned: allocate a buffer now (true) or wrap a caller's pointer later (false).
    init(_ desc: dnnl_memory_desc_t, owned: Bool) throws {
        var d = desc
        var m: dnnl_memory_t?
        let allocate = UnsafeMutableRawPointer(bitPattern: -1)  // DNNL_MEMORY_ALLOCATE
        try dnnlCheck(dnnl_memory_create(&m, &d, DNNLContext.shared.engine, owned ? allocate : nil), "memory_create")
        handle = m!
        self.desc = desc
    }

    /// Points the memory object at a caller-owned buffer.
    @inline(__always)
    func bind(_ pointer: UnsafeRawPointer) {
        dnnlMust(dnnl_memory_set_data_handle(handle, UnsafeMutableRawPointer(mutating: pointer)), "memory_set_data_handle")
    }

    /// The address of the buffer the memory holds (for memories that own theirs).
    var dataHandle: UnsafeMutableRawPointer {
        var pointer: UnsafeMutableRawPointer?
        dnnlMust(dnnl_memory_get_data_handle(handle, &pointer), "memory_get_data_handle")
        return pointer!
    }

    deinit { dnnl_memory_destroy(handle) }
}

func descriptorsEqual(_ a: dnnl_memory_desc_t, _ b: dnnl_memory_desc_t) -> Bool {
    var x = a, y = b
    return dnnl_memory_desc_equal(&x, &y) != 0
}

/// A created primitive, executed with `(argument, memory)` pairs; its scratchpad is the executing
/// thread's (`ThreadScratch`), bound at each execution.
final class DNNLPrimitive {
    let primitive: dnnl_primitive_t
    let descriptor: dnnl_primitive_desc_t
    /// The scratchpad's descriptor wrapped without a buffer, and its size (nil: none needed).
    private let scratchpad: (memory: DNNLMemory, bytes: Int)?

    /// Creates the primitive for an operation descriptor (a dnnl_*_desc_t value: a plain C struct): oneDNN's first
    /// implementation for it, or with `preferring`, the first whose name starts with that prefix when oneDNN has one
    /// (a fixed rule: the choice never depends on a timing).
    convenience init<Operation>(
        _ operation: Operation, attributes: dnnl_primitive_attr_t?, hint: DNNLPrimitive?, preferring: String? = nil, what: String
    ) throws {
        ComputeThreads.pinOneDNNToCallingThread()
        let pd = try withUnsafeBytes(of: operation) { bytes -> dnnl_primitive_desc_t in
            var iterator: dnnl_primitive_desc_iterator_t?
            try dnnlCheck(
                dnnl_primitive_desc_iterator_create(&iterator, bytes.baseAddress, attributes, DNNLContext.shared.engine, hint?.descriptor),
                "\(what): primitive_desc_iterator_create")
            defer { dnnl_primitive_desc_iterator_destroy(iterator) }
            guard let first = dnnl_primitive_desc_iterator_fetch(iterator) else {
                throw BackendError("oneDNN has no implementation for \(what)")
            }
            guard let preferring else { return first }
            var candidate = first
            while !oneDNNImplementationName(of: candidate).hasPrefix(preferring) {
                guard dnnl_primitive_desc_iterator_next(iterator) == dnnl_success, let next = dnnl_primitive_desc_iterator_fetch(iterator) else {
                    if candidate != first { dnnl_primitive_desc_destroy(candidate) }
                    return first
                }
                if candidate != first { dnnl_primitive_desc_destroy(candidate) }
                candidate = next
            }
            if candidate != first { dnnl_primitive_desc_destroy(first) }
            return candidate
        }
        try self.init(descriptor: pd, what: what)
    }

    /// Creates a reorder from one layout to another.
    convenience init(reorderFrom source: dnnl_memory_desc_t, to destination: dnnl_memory_desc_t) throws {
        ComputeThreads.pinOneDNNToCallingThread()
        var s = source, d = destination
        let attr = try DNNLPrimitive.userScratchpadAttributes()
        defer { dnnl_primitive_attr_destroy(attr) }
        var pd: dnnl_primitive_desc_t?
        let engine = DNNLContext.shared.engine
        try dnnlCheck(dnnl_reorder_primitive_desc_create(&pd, &s, engine, &d, engine, attr), "reorder_primitive_desc_create")
        try self.init(descriptor: pd!, what: "reorder")
    }

    /// Creates the primitive of a primitive descriptor (taking ownership of it) and its scratchpad.
    private init(descriptor pd: dnnl_primitive_desc_t, what: String) throws {
        descriptor = pd
        var p: dnnl_primitive_t?
        let status = dnnl_primitive_create(&p, pd)
        guard status == dnnl_success, let created = p else {
            dnnl_primitive_desc_destroy(pd)
            throw BackendError("oneDNN call failed (status \(status.rawValue)): \(what): primitive_create")
        }
        primitive = created
        let scratch = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0)!.pointee
        let bytes = byteSize(scratch)
        scratchpad = scratch.ndims > 0 && bytes > 0 ? (try DNNLMemory(scratch, owned: false), bytes) : nil
    }

    /// Memory descriptor oneDNN chose for `query` (e.g. `dnnl_query_weights_md`).
    func chosen(_ query: dnnl_query_t, _ index: Int32 = 0) -> dnnl_memory_desc_t {
        dnnl_primitive_desc_query_md(descriptor, query, index)!.pointee
    }

    /// Runs the primitive synchronously.
    func execute(_ arguments: [(Int32, DNNLMemory)]) {
        ComputeThreads.pinOneDNNToCallingThread()
        // A stack buffer: no heap allocation per call.
        withUnsafeTemporaryAllocation(of: dnnl_exec_arg_t.self, capacity: arguments.count + 1) { args in
            var n = 0
            for (arg, memory) in arguments {
                args[n] = dnnl_exec_arg_t(arg: arg, memory: memory.handle); n += 1
            }
            if let scratchpad {
                scratchpad.memory.bind(ThreadScratch.current.pointer(.scratchpad, bytes: scratchpad.bytes))
                args[n] = dnnl_exec_arg_t(arg: DNNLArg.scratchpad, memory: scratchpad.memory.handle); n += 1
            }
            let stream = DNNLContext.shared.stream
            dnnlMust(dnnl_primitive_execute(primitive, stream, Int32(n), args.baseAddress), "primitive_execute")
            dnnlMust(dnnl_stream_wait(stream), "stream_wait")
        }
    }

    /// Attributes asking for a user-managed scratchpad (allocated once here, not per call).
    static func userScratchpadAttributes(reluPostOp: Bool = false) throws -> dnnl_primitive_attr_t {
        var attr: dnnl_primitive_attr_t?
        try dnnlCheck(dnnl_primitive_attr_create(&attr), "primitive_attr_create")
        try dnnlCheck(dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user), "set_scratchpad_mode")
        if reluPostOp {
            var ops: dnnl_post_ops_t?
            try dnnlCheck(dnnl_post_ops_create(&ops), "post_ops_create")
            defer { dnnl_post_ops_destroy(ops) }
            try dnnlCheck(dnnl_post_ops_append_eltwise(ops, 1, dnnl_eltwise_relu, 0, 0), "post_ops_append_eltwise")
            try dnnlCheck(dnnl_primitive_attr_set_post_ops(attr, ops), "primitive_attr_set_post_ops")
        }
        return attr!
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_primitive_desc_destroy(descriptor)
    }
}

/// Size in bytes of the memory a descriptor describes.
func byteSize(_ desc: dnnl_memory_desc_t) -> Int {
    var d = desc
    return dnnl_memory_desc_get_size(&d)
}

/// A buffer allocated on first use and kept (a copy that must outlive one primitive execution).
private final class LazyBuffer {
    let bytes: Int
    private(set) var pointer: UnsafeMutableRawPointer?
    init(bytes: Int) { self.bytes = bytes }
    var allocated: UnsafeMutableRawPointer {
        if let pointer { return pointer }
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 64), alignment: 64)
        pointer = p
        return p
    }
    deinit { pointer?.deallocate() }
}

/// Copies between a plain (user) layout and the layout a primitive chose, only when they differ.
/// A copy into the primitive's layout (an input: `toInternal`) is kept, allocated on first use, so a
/// later pass can reuse it and a kernel that never runs a pass costs no memory for it; a result copy
/// (output only) lives in the executing thread's `ThreadScratch` until `pushOut` copies it out.
final class LayoutBridge {
    let user: DNNLMemory
    let internalMemory: DNNLMemory
    private let toInternal: DNNLPrimitive?
    private let toUser: DNNLPrimitive?
    /// The kept copy's buffer (inputs), nil for results and when no copy is needed.
    private let kept: LazyBuffer?
    /// Bytes of a result copy in the thread's buffer (0 when no copy is needed or it is kept).
    private let resultBytes: Int

    /// `internalDesc` is what oneDNN chose; when it equals `userDesc` no copy is made.
    init(
        user userDesc: dnnl_memory_desc_t, internal internalDesc: dnnl_memory_desc_t,
        toInternal needIn: Bool, toUser needOut: Bool
    ) throws {
        user = try DNNLMemory(userDesc, owned: false)
        if descriptorsEqual(userDesc, internalDesc) {
            internalMemory = user
            toInternal = nil
            toUser = nil
            kept = nil
            resultBytes = 0
        } else {
            internalMemory = try DNNLMemory(internalDesc, owned: false)
            toInternal = needIn ? try DNNLPrimitive(reorderFrom: userDesc, to: internalDesc) : nil
            toUser = needOut ? try DNNLPrimitive(reorderFrom: internalDesc, to: userDesc) : nil
            let bytes = byteSize(internalDesc)
            kept = needIn ? LazyBuffer(bytes: bytes) : nil
            resultBytes = needIn ? 0 : bytes
        }
    }

    /// Whether the internal layout differs from the user's.
    var reorders: Bool { internalMemory !== user }

    /// Binds the user buffer and copies it into the internal layout if needed; returns the memory to pass to the primitive.
    func pullIn(_ pointer: UnsafeRawPointer) -> DNNLMemory {
        user.bind(pointer)
        if let toInternal, let kept {
            internalMemory.bind(kept.allocated)
            toInternal.execute([(DNNLArg.src, user), (DNNLArg.dst, internalMemory)])
        }
        return internalMemory
    }

    /// Binds the user buffer that will receive a result; returns the memory the primitive writes into.
    func target(_ pointer: UnsafeMutableRawPointer) -> DNNLMemory {
        user.bind(pointer)
        if resultBytes > 0 { internalMemory.bind(ThreadScratch.current.pointer(.output, bytes: resultBytes)) }
        return internalMemory
    }

    /// After the primitive wrote `internalMemory`, copies it to the user buffer if needed.
    func pushOut() {
        if let toUser { toUser.execute([(DNNLArg.src, internalMemory), (DNNLArg.dst, user)]) }
    }
}

extension DNNLPrimitive {
    /// oneDNN's name for the kernel it picked (e.g. "jit:avx2", "gemm:jit", "ref").
    var implementationName: String { oneDNNImplementationName(of: descriptor) }
}

/// oneDNN's name for the kernel of a primitive descriptor.
func oneDNNImplementationName(of descriptor: const_dnnl_primitive_desc_t) -> String {
    var name: UnsafePointer<CChar>?
    _ = withUnsafeMutablePointer(to: &name) { dnnl_primitive_desc_query(descriptor, dnnl_query_impl_info_str, 0, $0) }
    return name.map { String(cString: $0) } ?? "?"
}
