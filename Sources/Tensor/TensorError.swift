/// Errors about shapes and values of tensors; every message names what was expected and what was found.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case invalidShape([Int], reason: String)
    case countMismatch(shape: [Int], count: Int)
    /// `context` names the layer or function that received the wrong shape.
    case shapeMismatch(expected: [Int?], actual: [Int], context: String)
    case nonFinite(context: String, index: Int, value: Float)

    public var description: String {
        switch self {
        case .invalidShape(let shape, let reason):
            return "invalid shape \(shape): \(reason)"
        case .countMismatch(let shape, let count):
            return "shape \(shape) holds \(shape.reduce(1, *)) values but \(count) were given"
        case .shapeMismatch(let expected, let actual, let context):
            let e = "[" + expected.map { $0.map(String.init) ?? "?" }.joined(separator: ", ") + "]"
            return "\(context): expected shape \(e) but got \(actual)"
        case .nonFinite(let context, let index, let value):
            return "\(context): value \(value) at flat index \(index) is not finite; remove or replace NaN/inf values"
        }
    }
}

extension Array where Element == Int {
    /// Product of the sizes (1 for an empty shape).
    public var product: Int { reduce(1, *) }
}
