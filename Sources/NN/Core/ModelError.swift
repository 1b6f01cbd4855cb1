/// Errors about a model's structure and use; each says what to change. Unparsable model, loss
/// and optimizer texts are `SettingError`s.
public enum ModelError: Error, CustomStringConvertible {
    /// Two weights share a name.
    case duplicateName(weight: String)
    /// A weights file lacks the array of a weight.
    case missingWeight(name: String, file: String)
    /// A Sequential model without layers.
    case noLayers
    /// A layer built with a size that is not positive (e.g. a Maxout layer's units or pieces).
    case nonPositiveSize(layer: String, sizes: [String: Int])
    /// A network that is already part of an augmented model.
    case alreadyAugmented
    /// Internal: a joint parameter store that does not hold every parameter of the store it embeds.
    case jointStoreIncomplete
    /// `backward` called without a forward pass on the same batch.
    case backwardBeforeForward(model: String)
    /// `backward(.logits...)` on a model whose last layer keeps no logits.
    case noLogitsKept(model: String)
    /// Extra gradients for layers that are not hidden layers (`hiddenLayers` of them).
    case extraGradientsOutsideHiddenLayers(model: String, hiddenLayers: Int, got: [Int])
    /// An extra gradient at a layer whose ReLU mask the layer above applies.
    case gradientAtMaskedLayer(model: String, layer: String)
    /// A saved optimizer state without `key`, or with `saved` values where the model has `expected`.
    case optimizerStateMismatch(optimizer: String, key: String, saved: Int?, expected: Int)
    /// The model's outputs per sample do not fit the loss (`needed` outputs).
    case outputsMismatch(outputShape: [Int], loss: String, needed: Int)
    /// Neuron layers that are not one on the input plus one tap per further layer.
    case neuronLayout
    /// A neuron layer whose units differ from the network's outputs.
    case neuronUnitsMismatch(outputShape: [Int], layer: String, units: Int)
    /// A tap index that is not a hidden layer of the base network.
    case notAHiddenLayer(index: Int, hiddenLayers: Int)
    /// Neurons per layer asked for a network with other layers than dense ones.
    case notFullyConnected(model: String)

    public var description: String {
        switch self {
        case .duplicateName(let n): return "two weights are named '\(n)'; give the layers distinct names"
        case .missingWeight(let name, let file): return "\(file): no array named '\(name)'; the file was saved from a different model"
        case .noLayers: return "a Sequential model needs at least one layer"
        case .nonPositiveSize(let layer, let sizes):
            let named = sizes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "layer \(layer) needs positive sizes, got \(named)"
        case .alreadyAugmented:
            return
                "this network is already part of an augmented model; augment a newly built network instead (its weights can be copied with snapshot()/restore())"
        case .jointStoreIncomplete: return "internal: a joint parameter store must hold every parameter of the store it embeds"
        case .backwardBeforeForward(let model): return "\(model): backward needs a forward pass on the same batch first"
        case .noLogitsKept(let model):
            return "\(model): its last layer keeps no logits (it is not a sigmoid); call backward(gradOutput:batchSize:)"
        case .extraGradientsOutsideHiddenLayers(let model, let hidden, let got):
            return "\(model): extra gradients can arrive at hidden layers 0..<\(hidden) only, got \(got)"
        case .gradientAtMaskedLayer(let model, let layer):
            return
                "\(model): layer \(layer)'s ReLU mask is applied by the layer above it, so a gradient cannot be added at its output; set fusesReLUMasks = false"
        case .optimizerStateMismatch(let optimizer, let key, let saved, let expected):
            guard let saved else { return "\(optimizer) state has no '\(key)'; it was saved from another optimizer" }
            return "\(optimizer) state '\(key)' has \(saved) values, the model has \(expected); it was saved from a different model"
        case .outputsMismatch(let shape, let loss, let needed):
            let task =
                needed == 1
                ? "binary classification with \(loss) needs exactly one output"
                : "\(loss) over \(needed) classes needs \(needed) outputs (a head of \(needed) units)"
            return "the model outputs \(shape) per sample; \(task)"
        case .neuronLayout: return "an augmented model needs its first neuron layer on the input and one tap per neuron layer"
        case .neuronUnitsMismatch(let shape, let layer, let units):
            return "the network outputs \(shape) per sample but the exponential neuron layer \(layer) has \(units) unit(s); it needs one per output"
        case .notAHiddenLayer(let index, let hidden):
            return "layer index \(index) is not a hidden layer of the base network (it has \(hidden))"
        case .notFullyConnected(let model):
            return "neurons per layer are built for fully connected networks (mlp:...); \(model) has other layers"
        }
    }
}
