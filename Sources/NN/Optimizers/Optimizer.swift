/// Updates all parameters from their gradients in one loop over the model's flat buffers.
/// Keras semantics and defaults. State (moments, step count) can be saved and restored for checkpoints.
public protocol Optimizer: AnyObject, CustomStringConvertible {
    /// Applies one update; `values` and `gradients` are the flat buffers of a `ParameterStore`.
    func step(values: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>)
    /// Number of updates applied so far.
    var iterations: Int { get }
    /// Everything needed to continue exactly where it stopped: named flat arrays.
    func state() -> [String: [Float]]
    /// Restores a `state()`; throws when it does not fit.
    func restore(_ state: [String: [Float]]) throws
}

/// Restores one flat state array, checking its length.
func restoreArray(_ state: [String: [Float]], _ key: String, into array: inout [Float], optimizer: String) throws {
    guard let saved = state[key] else { throw ModelError.optimizerStateMismatch(optimizer: optimizer, key: key, saved: nil, expected: array.count) }
    guard array.isEmpty || saved.count == array.count else {
        throw ModelError.optimizerStateMismatch(optimizer: optimizer, key: key, saved: saved.count, expected: array.count)
    }
    array = saved
}
