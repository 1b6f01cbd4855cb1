import NN

/// How the exponential neuron's weights start. `a` and `b` always start Keras-'uniform' U(-0.05, 0.05).
public enum NeuronInit: String, Sendable, Codable, CaseIterable {
    /// w ~ U(-0.05, 0.05), as the seed (Keras 'uniform'); use for faithful replication. On unscaled
    /// EEG images (values up to ~160, 2352 inputs) w.x + b can exceed float32's exp range.
    case uniform
    /// w = 0: the neuron starts as the constant a*e^b and cannot overflow at the start.
    case zeroW = "zero-w"
    /// w ~ U(-0.05, 0.05) / sqrt(inputs).
    case scaled

    func weightInitializer(inputs: Int) -> Initializer {
        switch self {
        case .uniform: return .kerasUniform
        case .zeroW: return .zeros
        case .scaled:
            let s = Float(0.05 / Double(inputs).squareRoot())
            return .uniform(low: -s, high: s)
        }
    }
}
