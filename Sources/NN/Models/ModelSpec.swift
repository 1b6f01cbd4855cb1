import Diagnostics
import Backend

/// Which network to build, as a value: parsed once at the edge ("cnn", "mlp:64,32"), written
/// back with `description` (config.json), built with `build`.
public enum ModelSpec: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The seed experiment's CNN (`seedCNN`).
    case seedCNN
    /// Flatten, then Dense(h, relu) for each hidden size, then Dense(1, head).
    case mlp(hidden: [Int])

    /// Parses "cnn" (also "seed", "seed-cnn") or "mlp:H1,H2,..."; throws a message naming the fix.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first?.lowercased() ?? "" {
        case "cnn", "seed", "seed-cnn": self = .seedCNN
        case "mlp":
            let sizes = parts.count > 1 ? parts[1].split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) } : []
            guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw SettingError.valueOutOfRange(.model, value: "'\(text)'", allowed: "mlp: followed by positive hidden sizes, e.g. mlp:64,32")
            }
            self = .mlp(hidden: sizes.map { $0! })
        default:
            throw SettingError.valueOutOfRange(.model, value: "'\(text)'", allowed: "cnn (the seed CNN) or mlp:H1,H2,...")
        }
    }

    public var description: String {
        switch self {
        case .seedCNN: return "cnn"
        case .mlp(let hidden): return "mlp:" + hidden.map(String.init).joined(separator: ",")
        }
    }

    /// The network for per-sample `inputShape`, ending in `head` (a loss' `head`: tanh for ±1
    /// labels, sigmoid for 0/1, k logits for k classes), weights initialised Keras-style from seed 0.
    public func build(inputShape: [Int], head: OutputHead = .tanh, backend: any ComputeBackend = DNNLBackend()) throws -> Sequential {
        switch self {
        case .seedCNN: return try NN.seedCNN(inputShape: inputShape, head: head, backend: backend)
        case .mlp(let hidden): return try multilayerPerceptron(hidden: hidden, inputShape: inputShape, head: head, backend: backend)
        }
    }
}

/// Parses and builds a model description ("cnn", "mlp:64,32"): `ModelSpec(parsing:).build(...)`.
public func parseModel(
    _ text: String, inputShape: [Int], head: OutputHead = .tanh,
    backend: any ComputeBackend = DNNLBackend()
) throws -> Sequential {
    try ModelSpec(parsing: text).build(inputShape: inputShape, head: head, backend: backend)
}
