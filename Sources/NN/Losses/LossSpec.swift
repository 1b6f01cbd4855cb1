import Diagnostics
/// Which loss to train with, as a value: parsed once at the edge ("phinge:3", "hinge",
/// "squared_hinge", "logistic", "bce", "cce", ...), written back with `description`, made with `make`.
public enum LossSpec: Equatable, Hashable, Sendable, CustomStringConvertible {
    case polynomialHinge(power: Int)
    case hinge
    case squaredHinge
    case logistic
    case binaryCrossEntropy
    /// Softmax cross-entropy over k classes (k given to `make`): "cce" from logits (a linear
    /// head; what Keras computes for a softmax head too, from the kept logits), "cce:probabilities"
    /// from a softmax head's probabilities; "scce..." the sparse variants (`SoftmaxCrossEntropy`).
    case softmaxCrossEntropy(fromLogits: Bool, sparse: Bool)
    /// The multi-class polynomial hinge "mphinge:P" over k logits (`MulticlassPolynomialHinge`).
    case multiclassHinge(power: Int)

    /// Parses a loss name: "phinge:3", "phinge" (p = 3), "hinge", "squared_hinge", "logistic", "bce",
    /// "mphinge:3", "cce", "cce:probabilities", "scce", "scce:probabilities" (Keras' names
    /// "categorical_crossentropy" and "sparse_categorical_crossentropy" mean the probability forms,
    /// as Keras' default `from_logits=False` does).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        if ["cce", "scce", "categorical_crossentropy", "sparse_categorical_crossentropy"].contains(name) {
            let sparse = name.hasPrefix("s")
            var fromLogits = name.count <= 4
            if parts.count > 1 {
                switch parts[1].lowercased() {
                case "logits": fromLogits = true
                case "probabilities", "probs": fromLogits = false
                default: throw SettingError.valueOutOfRange(.loss, value: "'\(text)'", allowed: "logits or probabilities after ':', e.g. cce:probabilities")
                }
            }
            self = .softmaxCrossEntropy(fromLogits: fromLogits, sparse: sparse)
            return
        }
        switch name {
        case "mphinge":
            let p = parts.count > 1 ? Int(parts[1]) : 3
            guard let p, p >= 1 else {
                throw SettingError.valueOutOfRange(.loss, value: "'\(text)'", allowed: "an integer power >= 1 after ':', e.g. mphinge:3")
            }
            self = .multiclassHinge(power: p)
        case "phinge", "polynomial_hinge":
            let p = parts.count > 1 ? Int(parts[1]) : 3
            guard let p, p >= 1 else {
                throw SettingError.valueOutOfRange(.loss, value: "'\(text)'", allowed: "an integer power >= 1 after ':', e.g. phinge:3")
            }
            self = .polynomialHinge(power: p)
        case "hinge": self = .hinge
        case "squared_hinge", "squaredhinge": self = .squaredHinge
        case "logistic": self = .logistic
        case "bce", "binary_crossentropy": self = .binaryCrossEntropy
        default:
            throw SettingError.valueOutOfRange(
                .loss, value: "'\(text)'",
                allowed:
                    "one of phinge:P, hinge, squared_hinge, logistic or bce (two classes), or cce, scce, cce:probabilities, scce:probabilities, mphinge:P (any number of classes)"
            )
        }
    }

    public var description: String {
        switch self {
        case .polynomialHinge(let p): return "phinge:\(p)"
        case .hinge: return "hinge"
        case .squaredHinge: return "squared_hinge"
        case .logistic: return "logistic"
        case .binaryCrossEntropy: return "bce"
        case .softmaxCrossEntropy(let fromLogits, let sparse): return (sparse ? "scce" : "cce") + (fromLogits ? "" : ":probabilities")
        case .multiclassHinge(let p): return "mphinge:\(p)"
        }
    }

    /// Whether the loss takes k class outputs (softmax cross-entropy) rather than one binary output.
    public var isMultiClass: Bool {
        switch self {
        case .softmaxCrossEntropy, .multiclassHinge: return true
        default: return false
        }
    }

    /// The loss for `classes` classes (binary losses have one output and take any 2-class labels).
    public func make(classes: Int = 2) -> any Loss {
        switch self {
        case .polynomialHinge(let p): return PolynomialHinge(power: p)
        case .hinge: return Hinge()
        case .squaredHinge: return SquaredHinge()
        case .logistic: return Logistic()
        case .binaryCrossEntropy: return BinaryCrossEntropy()
        case .softmaxCrossEntropy(let fromLogits, let sparse): return SoftmaxCrossEntropy(classes: max(classes, 2), fromLogits: fromLogits, sparse: sparse)
        case .multiclassHinge(let p): return MulticlassPolynomialHinge(classes: max(classes, 2), power: p)
        }
    }
}

/// Parses a loss name and makes the loss: `LossSpec(parsing:).make()`.
public func parseLoss(_ text: String) throws -> any Loss { try LossSpec(parsing: text).make() }
