#if canImport(Glibc)
import Glibc
#endif

/// One `Value` per OS thread, made on the thread's first use and released when the thread ends.
/// For per-thread kernel state (`WorkerPool`'s helpers, `ThreadScratch`'s buffers): a thread runs one
/// kernel at a time, so such state needs no lock. `@unchecked Sendable`: the only shared state is the
/// pthread key, set once in `init`.
final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    private var key = pthread_key_t()
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        pthread_key_create(&key) { object in
            if let object { Unmanaged<AnyObject>.fromOpaque(object).release() }
        }
    }

    /// The calling thread's value, made on first use.
    var value: Value {
        if let existing = pthread_getspecific(key) { return Unmanaged<Value>.fromOpaque(existing).takeUnretainedValue() }
        let fresh = make()
        pthread_setspecific(key, Unmanaged.passRetained(fresh).toOpaque())
        return fresh
    }
}
