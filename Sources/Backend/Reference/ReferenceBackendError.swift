/// Bad input to the reference backend: every message names the operation, the argument or
/// config field at fault, and how to fix it.
public enum ReferenceBackendError: Error, CustomStringConvertible, Equatable {
    /// A config describes an impossible shape (for example a zero size, or a kernel larger than the image with 'valid').
    case invalidConfig(operation: String, config: String, reason: String)
    /// A flat array has the wrong number of values for the config.
    case countMismatch(operation: String, argument: String, expected: Int, actual: Int, layout: String)
    /// An index array holds an entry outside the buffer it indexes.
    case indexOutOfRange(operation: String, argument: String, position: Int, value: Int, limit: Int)

    public var description: String {
        switch self {
        case .invalidConfig(let operation, let config, let reason):
            return "\(operation): invalid \(config): \(reason)"
        case .countMismatch(let operation, let argument, let expected, let actual, let layout):
            return "\(operation): argument '\(argument)' has \(actual) values but the config needs \(expected) "
                + "(\(layout)); pass exactly \(expected) values or fix the config"
        case .indexOutOfRange(let operation, let argument, let position, let value, let limit):
            return "\(operation): argument '\(argument)' holds \(value) at position \(position), outside 0..<\(limit); "
                + "pass the indices returned by the matching forward call with the same config"
        }
    }
}
