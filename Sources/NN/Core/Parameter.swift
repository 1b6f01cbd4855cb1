import Tensor

/// A weight: a name ("conv2d_1/kernel"), a shape, how to initialise and regularise it, and its
/// value and gradient — slices of the model's flat parameter and gradient buffers (one contiguous
/// buffer each, like llm.c, so the optimizer walks them in one loop).
///
/// A non-trainable weight (`trainable: false`, Keras' `non_trainable_weights`, e.g. batch
/// normalisation's moving statistics) is state a layer updates itself: it lives in the store's
/// separate state buffer, outside the optimizer's loop, and is saved and restored with the weights.
public final class Parameter {
    /// "layer/weight", unique within a model; the key in saved .npz weight files.
    public internal(set) var name: String
    public let shape: [Int]
    public let initializer: Initializer
    public let regularizer: Regularizer?
    /// Fan-in and fan-out used by Glorot initialisation.
    public let fans: (fanIn: Int, fanOut: Int)
    /// False for state the optimizer never moves (see the type's comment).
    public let trainable: Bool
    /// Current values (valid once the model is built).
    public internal(set) var value: UnsafeMutableBufferPointer<Float>
    /// Gradient of the loss with respect to `value`, written by the layer's backward.
    public internal(set) var gradient: UnsafeMutableBufferPointer<Float>
    /// Keeps the flat buffers that `value` and `gradient` point into alive.
    var storage: FlatStorage?

    public init(
        name: String, shape: [Int], initializer: Initializer, regularizer: Regularizer? = nil,
        fans: (fanIn: Int, fanOut: Int)? = nil, trainable: Bool = true
    ) {
        self.name = name
        self.trainable = trainable
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
/// them, and a separate flat buffer for its non-trainable weights (`state`), which the optimizer
/// never sees: `values` and `gradients` are the trainable parameters' only. A model creates its store once, when it is built, and owns it; trainers and optimizers
/// borrow it. When an augmented model embeds a model, the joint store takes over the buffers
/// (copying the current values) and the embedded model's store becomes a view of its slice of
/// them, so training either model moves the same weights.
public final class ParameterStore {
    /// The trainable parameters, in the flat buffers' order.
    public let parameters: [Parameter]
    /// The non-trainable weights (moving statistics), in their own flat buffer.
    public let state: [Parameter]
    /// Every weight in the order given (each layer's trainable, then non-trainable weights, as
    /// Keras keeps them): the list weight files are written from and read into.
    public let weights: [Parameter]
    private var storage: FlatStorage
    private let stateStorage: FlatStorage
    /// Where this store's values start in `storage` (0 unless it is a view into a joint store).
    private var start = 0
    /// Offset of each parameter in the flat buffers.
    public let offsets: [Int]
    /// Total number of trainable values.
    public let count: Int
    /// Total number of non-trainable values.
    public let stateCount: Int
    /// The joint store this store's parameters moved into, if an augmented model embeds its model.
    public private(set) weak var embeddingStore: ParameterStore?

    /// Allocates the flat buffers and points every weight at its slice: trainable ones into the
    /// parameter buffers, non-trainable ones into the state buffer. Names must be unique.
    /// Weights that already have values (e.g. a built network being augmented) keep them.
    public init(_ weights: [Parameter]) throws {
        var seen = Set<String>()
        for p in weights where !seen.insert(p.name).inserted {
            throw ModelError.duplicateName(weight: p.name)
        }
        self.weights = weights
        parameters = weights.filter(\.trainable)
        state = weights.filter { !$0.trainable }
        let (offsets, total) = ParameterStore.layout(parameters)
        self.offsets = offsets
        count = total
        storage = FlatStorage(count: total)
        ParameterStore.point(parameters, at: offsets, into: storage)
        let (stateOffsets, stateTotal) = ParameterStore.layout(state)
        stateCount = stateTotal
        stateStorage = FlatStorage(count: stateTotal)
        ParameterStore.point(state, at: stateOffsets, into: stateStorage)
    }

    /// Each weight's offset in a flat buffer holding them back to back, and the buffer's length.
    private static func layout(_ weights: [Parameter]) -> (offsets: [Int], total: Int) {
        var offsets: [Int] = [], total = 0
        for p in weights { offsets.append(total); total += p.count }
        return (offsets, total)
    }

    /// Points each weight at its slice of `storage`, copying the values it already has.
    private static func point(_ weights: [Parameter], at offsets: [Int], into storage: FlatStorage) {
        for (p, offset) in zip(weights, offsets) {
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
            zip(parameters, offsets).allSatisfy({ p, o in p.storage === joint.storage && p.value.baseAddress == joint.values.baseAddress! + offset + o })
        else {
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

    /// Initialises every parameter with its initializer, drawing from `generator` in order, then
    /// the non-trainable weights (moving statistics start at constants and draw nothing).
    public func initialize(using generator: inout SeededGenerator) {
        for p in parameters + state { p.initializer.fill(p.value, fans: p.fans, generator: &generator) }
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

    /// Number of values in a `snapshot()`: the trainable values, then the non-trainable ones.
    public var snapshotCount: Int { count + stateCount }

    /// A copy of all values, trainable then non-trainable (for checkpoints and best-weight restore;
    /// Keras' EarlyStopping restores the moving statistics with the weights too).
    public func snapshot() -> [Float] {
        var all = Array(values)
        for p in state { all += p.value }
        return all
    }

    /// Restores values saved by `snapshot()`.
    public func restore(_ snapshot: [Float]) {
        precondition(snapshot.count == snapshotCount, "snapshot has \(snapshot.count) values, model has \(snapshotCount)")
        _ = values.update(from: snapshot[..<count])
        var offset = count
        for p in state {
            _ = p.value.update(from: snapshot[offset..<(offset + p.count)])
            offset += p.count
        }
    }
}
