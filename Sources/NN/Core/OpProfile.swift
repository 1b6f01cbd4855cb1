import Foundation

/// Wall-clock seconds per named operation, summed over every step it watched (`one-neuron bench
/// --profile`). A model or trainer with a profile times each pass with two clock reads; without
/// one it pays a nil check.
public final class OpProfile {
    /// Operation names in the order they were first timed (forward passes, then backward ones, ...).
    public private(set) var names: [String] = []
    private var totals: [String: Double] = [:]

    public init() {}

    /// Runs `body`, adding its wall time to `name`.
    @inline(__always)
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try body()
    }

    /// `profile.measure(name, body)`, or just `body()` when there is no profile (the name is then never built).
    @inline(__always)
    public static func measure<T>(_ profile: OpProfile?, _ name: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard let profile else { return try body() }
        return try profile.measure(name(), body)
    }

    /// Adds `seconds` to `name`.
    public func add(_ name: String, seconds: Double) {
        if totals[name] == nil { names.append(name) }
        totals[name, default: 0] += seconds
    }

    /// Total seconds of `name` (0 if never timed).
    public func seconds(_ name: String) -> Double { totals[name] ?? 0 }

    /// Forgets every time (e.g. after a warm-up epoch).
    public func reset() {
        names = []
        totals = [:]
    }
}

/// A layer that times the parts of its own passes (e.g. a convolution's backward data and backward
/// weights) into its model's profile.
public protocol ProfiledLayer: Layer {
    var profile: OpProfile? { get set }
}
