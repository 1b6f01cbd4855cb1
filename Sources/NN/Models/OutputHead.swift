import Backend

/// The last layer of a built network, chosen by the labels it must predict: one output through
/// an element-wise activation (tanh for ±1 labels, sigmoid for 0/1), k class logits (softmax
/// cross-entropy from logits), or k class probabilities (Dense then `Softmax`).
public enum OutputHead: Sendable, Hashable, CustomStringConvertible {
    case single(Activation)
    case logits(Int)
    case softmax(Int)

    public static var tanh: OutputHead { .single(.tanh) }
    public static var sigmoid: OutputHead { .single(.sigmoid) }
    public static var linear: OutputHead { .single(.linear) }

    /// Outputs per sample.
    public var outputs: Int {
        switch self {
        case .single: return 1
        case .logits(let k), .softmax(let k): return k
        }
    }

    /// The head's layers: Dense(outputs, activation), then a `Softmax` for `.softmax`.
    public func layers() -> [any Layer] {
        switch self {
        case .single(let activation): return [Dense(units: 1, activation: activation)]
        case .logits(let k): return [Dense(units: k)]
        case .softmax(let k): return [Dense(units: k), Softmax()]
        }
    }

    public var description: String {
        switch self {
        case .single(let a): return "1 output, \(a.rawValue)"
        case .logits(let k): return "\(k) logits"
        case .softmax(let k): return "\(k) outputs, softmax"
        }
    }
}
