import Diagnostics
/// Which optimizer to train with, as a value: parsed once at the edge ("adam:0.0002",
/// "rmsprop:1e-4", "sgd:0.01:0.9"), written back with `description`, made (fresh state) with `make`.
public enum OptimizerSpec: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// nil learning rate: Keras' default (0.001).
    case adam(learningRate: Double?)
    /// nil learning rate: Keras' default (0.001).
    case rmsprop(learningRate: Double?)
    /// nil learning rate: Keras' default (0.01); nil momentum: 0.
    case sgd(learningRate: Double?, momentum: Double?)

    /// Parses "adam:0.0002", "rmsprop:1e-4", "sgd:0.01" or "sgd:0.01:0.9" (learning rate, then momentum).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":").map(String.init)
        let numbers = parts.dropFirst().map { Double($0) }
        guard numbers.allSatisfy({ $0 != nil && $0! >= 0 && $0!.isFinite }) else {
            throw SettingError.valueOutOfRange(.optimizer, value: "'\(text)'", allowed: "NAME:LR with non-negative numbers after ':', e.g. adam:0.0002")
        }
        let lr = numbers.first ?? nil
        switch parts.first?.lowercased() ?? "" {
        case "adam": self = .adam(learningRate: lr)
        case "rmsprop": self = .rmsprop(learningRate: lr)
        case "sgd": self = .sgd(learningRate: lr, momentum: numbers.count > 1 ? numbers[1] : nil)
        default: throw SettingError.valueOutOfRange(.optimizer, value: "'\(text)'", allowed: "adam:LR, rmsprop:LR or sgd:LR[:MOMENTUM]")
        }
    }

    public var description: String {
        func rate(_ x: Double?) -> String { x.map { ":\($0)" } ?? "" }
        switch self {
        case .adam(let lr): return "adam" + rate(lr)
        case .rmsprop(let lr): return "rmsprop" + rate(lr)
        case .sgd(let lr, let momentum): return "sgd" + rate(lr) + (lr != nil ? rate(momentum) : "")
        }
    }

    /// A new optimizer with fresh state.
    public func make() -> any Optimizer {
        switch self {
        case .adam(let lr): return Adam(learningRate: lr ?? 0.001)
        case .rmsprop(let lr): return RMSprop(learningRate: lr ?? 0.001)
        case .sgd(let lr, let momentum): return SGD(learningRate: lr ?? 0.01, momentum: momentum ?? 0)
        }
    }
}

/// Parses an optimizer description and makes the optimizer: `OptimizerSpec(parsing:).make()`.
public func parseOptimizer(_ text: String) throws -> any Optimizer { try OptimizerSpec(parsing: text).make() }
