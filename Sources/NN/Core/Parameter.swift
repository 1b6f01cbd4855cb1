import Tensor

/// A trainable weight: a name ("conv2d_1/kernel"), a shape, how to initialise and regularise
/// it, and its value and gradient — slices of the model's flat parameter and gradient buffers
/// (one contiguous buffer each, like llm.c, so the optimizer walks them in one loop).
public final class Parameter {
    /// "layer/weight", unique within a model; the key in saved .npz weight files.
    public internal(set) var name: String
    public let shape: [Int]
    public let initializer: Initializer
    public let regularizer: Regularizer?
    /// Fan-in and fan-out used by Glorot initialisation.
    public let fans: (fanIn: Int, fanOut: Int)
    /// Current values (valid once the model is built).
    public internal(set) var value: UnsafeMutableBufferPointer<Float>
    /// Gradient of the loss with respect to `value`, written by the layer's backward.
    public internal(set) var gradient: UnsafeMutableBufferPointer<Float>
    /// Keeps the flat buffers that `value` and `gradient` point into alive.
    var storage: FlatStorage?

    public init(name: String, shape: [Int], initializer: Initializer, regularizer: Regularizer? = nil,
                fans: (fanIn: Int, fanOut: Int)? = nil) {
        self.name = name
        self.shape = shape
        self.initializer = initializer
        self.regularizer = regularizer
        let count = shape.reduce(1, *)
        self.fans = fans ?? (count, count)
        value = .init(start: nil, count: 0)
        gradient = .init(start: nil, count: 0)
    }

    /// Number of values.
    public var count: Int { shape.reduce(1, *) }

    /// Whether the gradient plus the regulariser's gradient (what `ParameterStore.addRegularizationGradients`
    /// leaves) is exactly zero everywhere: the parameter does not move in an optimizer step.
    public var totalGradientIsZero: Bool {
        guard let regularizer else { return gradient.allSatisfy { $0 == 0 } }
        return regularizer.leavesZeroGradient(value, gradient)
    }

    /// A copy of the values as a tensor.
    public func tensor() -> Tensor { try! Tensor(shape: shape, scalars: Array(value)) }

    /// Overwrites the values; throws when the shape differs.
    public func assign(_ tensor: Tensor) throws {
        guard tensor.shape == shape else {
            throw TensorError.shapeMismatch(expected: shape, actual: tensor.shape, context: "weight \(name)")
        }
        _ = value.update(from: tensor.scalars)
    }
}

/// The memory behind a `ParameterStore`: one flat value buffer and one flat gradient buffer.
final class FlatStorage {
    let values: UnsafeMutableBufferPointer<Float>
    let gradients: UnsafeMutableBufferPointer<Float>

    init(count: Int) {
        values = UnsafeMutableBufferPointer(start: FloatBuffer.allocateAligned(max(count, 1)), count: max(count, 1))
        gradients = UnsafeMutableBufferPointer(start: FloatBuffer.allocateAligned(max(count, 1)), count: max(count, 1))
    }

    deinit {
        values.deallocate()
        gradients.deallocate()
    }
}

/// The flat parameter and gradient buffers of a model, with its parameters pointing at slices of
/// them. A model creates its store once, when it is built, and owns it; trainers and optimizers
/// borrow it. When an augmented model embeds a model, the joint store takes over the buffers
/// (copying the current values) and the embedded model's store becomes a view of its slice of
/// them, so training either model moves the same weights.
public final class ParameterStore {
    public let parameters: [Parameter]
    private var storage: FlatStorage
    /// Where this store's values start in `storage` (0 unless it is a view into a joint store).
    private var start = 0
    /// Offset of each parameter in the flat buffers.
    public let offsets: [Int]
    /// Total number of trainable values.
    public let count: Int
    /// The joint store this store's parameters moved into, if an augmented model embeds its model.
    public private(set) weak var embeddingStore: ParameterStore?

    /// Allocates the flat buffers and points every parameter at its slice. Names must be unique.
    /// Parameters that already have values (e.g. a built network being augmented) keep them.
    public init(_ parameters: [Parameter]) throws {
        var seen = Set<String>()
        for p in parameters where !seen.insert(p.name).inserted {
            throw ModelError.duplicateName(weight: p.name)
        }
        self.parameters = parameters
        var offsets: [Int] = [], total = 0
        for p in parameters { offsets.append(total); total += p.count }
        self.offsets = offsets
        count = total
        storage = FlatStorage(count: total)
        for (p, offset) in zip(parameters, offsets) {
            let slice = UnsafeMutableBufferPointer(rebasing: storage.values[offset..<(offset + p.count)])
            if p.storage != nil { _ = slice.update(from: p.value) }
            p.value = slice
            p.gradient = .init(rebasing: storage.gradients[offset..<(offset + p.count)])
            p.storage = storage
        }
    }

    /// Makes this store a view of `joint`'s values from `offset` on: called by a model that embeds
    /// this store's model, after `joint` took over its parameters. A store is embedded at most once.
    public func embed(in joint: ParameterStore, at offset: Int) throws {
        guard embeddingStore == nil else {
            throw ModelError.alreadyAugmented
        }
        guard offset >= 0, offset + count <= joint.count,
              zip(parameters, offsets).allSatisfy({ p, o in p.storage === joint.storage && p.value.baseAddress == joint.values.baseAddress! + offset + o }) else {
            throw ModelError.jointStoreIncomplete
        }
        storage = joint.storage
        start = joint.start + offset
        embeddingStore = joint
    }

    /// All parameter values, back to back in `parameters` order.
    public var values: UnsafeMutableBufferPointer<Float> { .init(rebasing: storage.values[start..<(start + count)]) }
    /// All gradients, same layout as `values`.
    public var gradients: UnsafeMutableBufferPointer<Float> { .init(rebasing: storage.gradients[start..<(start + count)]) }

    /// Initialises every parameter with its initializer, drawing from `generator` in order.
    public func initialize(using generator: inout SeededGenerator) {
        for p in parameters { p.initializer.fill(p.value, fans: p.fans, generator: &generator) }
    }

    /// The parameter called `name`, if any.
    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// Sum of every regulariser's penalty (added to the loss).
    public func regularizationLoss() -> Double {
        parameters.reduce(0) { $0 + ($1.regularizer?.penalty($1.value) ?? 0) }
    }

    /// Adds every regulariser's gradient to the parameter gradients.
    public func addRegularizationGradients() {
        for p in parameters { p.regularizer?.addGradient(p.value, into: p.gradient) }
    }

    /// A copy of all values (for checkpoints and best-weight restore).
    public func snapshot() -> [Float] { Array(values) }

    /// Restores values saved by `snapshot()`.
    public func restore(_ snapshot: [Float]) {
        precondition(snapshot.count == count, "snapshot has \(snapshot.count) values, model has \(count)")
        _ = values.update(from: snapshot)
    }
}

