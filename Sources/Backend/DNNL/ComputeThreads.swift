import CDNNL
#if canImport(Glibc)
import Glibc
#endif

/// How many threads the calling thread's kernels may use. OneNeuron parallelises by itself
/// (fixed batch chunks on worker threads, `ChunkWorkers`); oneDNN always runs on one thread, so
/// no sum's order depends on the thread count. Like OpenMP's setting, the count belongs to the
/// thread that sets it (an experiment's concurrent trainings each have their own).
public enum ComputeThreads {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Every online core, the count a thread starts with.
    public static var available: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Sets the calling thread's count (at least 1) for every kernel it runs from now on.
    public static func set(_ count: Int) {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: max(1, count)))
    }

    /// The calling thread's count: what it last set, or `available`.
    public static var current: Int {
        guard let value = pthread_getspecific(key) else { return available }
        return Int(bitPattern: value)
    }

    /// Sets the count when `count` is positive (0 keeps the default: every core).
    public static func setIfAvailable(_ count: Int) {
        if count > 0 { set(count) }
    }

    /// Makes oneDNN run on the calling thread alone: a primitive fixes its OpenMP thread count when
    /// it is created, and element-wise loops read it when they run, so this is called before both.
    @inline(__always)
    static func pinOneDNNToCallingThread() {
        if omp_get_max_threads() != 1 { omp_set_num_threads(1) }
    }
}
