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

/// Parses "adam:0.0002", "rmsprop:1e-4", "sgd:0.01" or "sgd:0.01:0.9" (learning rate, then momentum).
public func parseOptimizer(_ text: String) throws -> any Optimizer {
    let parts = text.split(separator: ":").map(String.init)
    let name = parts.first?.lowercased() ?? ""
    let numbers = parts.dropFirst().map { Double($0) }
    guard numbers.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
        throw ModelError.invalidConfiguration("optimizer '\(text)': the numbers after ':' must be non-negative, e.g. adam:0.0002")
    }
    let lr = numbers.first.map { Float($0!) }
    switch name {
    case "adam": return Adam(learningRate: lr ?? 0.001)
    case "rmsprop": return RMSprop(learningRate: lr ?? 0.001)
    case "sgd": return SGD(learningRate: lr ?? 0.01, momentum: numbers.count > 1 ? Float(numbers[1]!) : 0)
    default: throw ModelError.invalidConfiguration("unknown optimizer '\(text)'; use adam:LR, rmsprop:LR or sgd:LR[:MOMENTUM]")
    }
}

/// Restores one flat state array, checking its length.
func restoreArray(_ state: [String: [Float]], _ key: String, into array: inout [Float], optimizer: String) throws {
    guard let saved = state[key] else { throw ModelError.invalidConfiguration("\(optimizer) state has no '\(key)'") }
    guard array.isEmpty || saved.count == array.count else {
        throw ModelError.invalidConfiguration("\(optimizer) state '\(key)' has \(saved.count) values, the model has \(array.count)")
    }
    array = saved
}
