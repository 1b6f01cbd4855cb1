import CDNNL
#if canImport(Glibc)
import Glibc
#endif

/// Errors from the compute backend, with the oneDNN call that failed.
public struct BackendError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The process-wide oneDNN CPU engine, and one stream per thread (so trainings may run
/// concurrently on different threads; each model's kernels are used by one thread at a time).
/// `@unchecked Sendable`: the engine is an opaque C handle that oneDNN allows any thread to use,
/// and the only other state is a pthread key set once in `init`.
final class DNNLContext: @unchecked Sendable {
    static let shared = DNNLContext()
    let engine: dnnl_engine_t
    private var streamKey = pthread_key_t()

    private init() {
        var e: dnnl_engine_t?
        guard dnnl_engine_create(&e, dnnl_cpu, 0) == dnnl_success, let engine = e else {
            fatalError("oneDNN: cannot create the CPU engine (is libdnnl2 installed?)")
        }
        self.engine = engine
        pthread_key_create(&streamKey) { stream in
            dnnl_stream_destroy(OpaquePointer(stream))
        }
    }

    /// The calling thread's stream, created on first use.
    var stream: dnnl_stream_t {
        if let existing = pthread_getspecific(streamKey) { return OpaquePointer(existing) }
        var s: dnnl_stream_t?
        guard dnnl_stream_create(&s, engine, dnnl_stream_default_flags.rawValue) == dnnl_success, let stream = s else {
            fatalError("oneDNN: cannot create a CPU stream")
        }
        pthread_setspecific(streamKey, UnsafeRawPointer(stream))
        return stream
    }
}

/// Throws a `BackendError` naming `what` unless `status` is success.
@inline(__always)
func dnnlCheck(_ status: dnnl_status_t, _ what: @autoclosure () -> String) throws {
    if status != dnnl_success {
        throw BackendError("oneDNN call failed (status \(status.rawValue)): \(what())")
    }
}

/// Like `dnnlCheck` for calls on the hot path whose arguments were validated at creation.
@inline(__always)
func dnnlMust(_ status: dnnl_status_t, _ what: @autoclosure () -> String) {
    if status != dnnl_success {
        fatalError("oneDNN call failed (status \(status.rawValue)): \(what())")
    }
}

/// Execution argument indices (DNNL_ARG_* macros of dnnl_types.h).
enum DNNLArg {
    static let src: Int32 = 1
    static let dst: Int32 = 17
    static let weights: Int32 = 33
    static let bias: Int32 = 41
    static let workspace: Int32 = 64
    static let scratchpad: Int32 = 80
    static let diffSrc: Int32 = 129
    static let diffDst: Int32 = 145
    static let diffWeights: Int32 = 161
    static let diffBias: Int32 = 169
}
