/// Which loss to train with, as a value: parsed once at the edge ("phinge:3", "hinge",
/// "squared_hinge", "logistic", "bce"), written back with `description`, made with `make`.
public enum LossSpec: Equatable, Hashable, Sendable, CustomStringConvertible {
    case polynomialHinge(power: Int)
    case hinge
    case squaredHinge
    case logistic
    case binaryCrossEntropy

    /// Parses a loss name: "phinge:3", "phinge" (p = 3), "hinge", "squared_hinge", "logistic", "bce".
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first?.lowercased() ?? "" {
        case "phinge", "polynomial_hinge":
            let p = parts.count > 1 ? Int(parts[1]) : 3
            guard let p, p >= 1 else { throw ModelError.invalidConfiguration("loss '\(text)': the power after ':' must be an integer >= 1, e.g. phinge:3") }
            self = .polynomialHinge(power: p)
        case "hinge": self = .hinge
        case "squared_hinge", "squaredhinge": self = .squaredHinge
        case "logistic": self = .logistic
        case "bce", "binary_crossentropy": self = .binaryCrossEntropy
        default:
            throw ModelError.invalidConfiguration("unknown loss '\(text)'; use phinge:P, hinge, squared_hinge, logistic or bce")
        }
    }

    public var description: String {
        switch self {
        case .polynomialHinge(let p): return "phinge:\(p)"
        case .hinge: return "hinge"
        case .squaredHinge: return "squared_hinge"
        case .logistic: return "logistic"
        case .binaryCrossEntropy: return "bce"
        }
    }

    public func make() -> any Loss {
        switch self {
        case .polynomialHinge(let p): return PolynomialHinge(power: p)
        case .hinge: return Hinge()
        case .squaredHinge: return SquaredHinge()
        case .logistic: return Logistic()
        case .binaryCrossEntropy: return BinaryCrossEntropy()
        }
    }
}

/// Parses a loss name and makes the loss: `LossSpec(parsing:).make()`.
public func parseLoss(_ text: String) throws -> any Loss { try LossSpec(parsing: text).make() }
