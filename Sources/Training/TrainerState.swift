import NN
import Tensor

/// A callback whose memory across epochs belongs in a training's checkpoint (e.g. the neuron
/// monitor's history, which its divergence detector reads): resuming restores it, so a resumed
/// training flags the same epochs an uninterrupted one would.
public protocol StatefulCallback: Callback {
    associatedtype State: Codable & Sendable
    var state: State { get }
    func restore(_ state: State)
}

/// A callback with nothing to remember (the state type of a training that has no stateful callback).
public struct NoCallbackState: Codable, Sendable, Equatable {}

extension Trainer {
    /// Everything needed to continue a training exactly where it stopped: the epoch, the weights
    /// (`values`: the store's snapshot, trainable then non-trainable), the optimizer's moments,
    /// the shuffle generator, and the state of one stateful callback.
    /// `Codable`: the experiment writes it as its checkpoint file.
    public struct State<CallbackState: Codable & Sendable>: Codable, Sendable {
        public var epoch: Int
        public var values: [Float]
        public var optimizer: [String: [Float]]
        public var shuffle: SeededGenerator
        /// The callback's state (named `monitor` in checkpoint files), nil when there is none.
        public var monitor: CallbackState?

        private enum CodingKeys: String, CodingKey { case epoch, values, optimizer, shuffle, monitor }

        /// `values` and the optimizer's arrays as base64 float32 (`PackedFloats`); the rest as is.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(epoch, forKey: .epoch)
            try c.encode(PackedFloats(values), forKey: .values)
            try c.encode(optimizer.mapValues(PackedFloats.init), forKey: .optimizer)
            try c.encode(shuffle, forKey: .shuffle)
            try c.encodeIfPresent(monitor, forKey: .monitor)
        }

        /// Reads the packed form, or the plain arrays of older checkpoints.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epoch = try c.decode(Int.self, forKey: .epoch)
            values = try c.decode(PackedFloats.self, forKey: .values).values
            optimizer = try c.decode([String: PackedFloats].self, forKey: .optimizer).mapValues(\.values)
            shuffle = try c.decode(SeededGenerator.self, forKey: .shuffle)
            monitor = try c.decodeIfPresent(CallbackState.self, forKey: .monitor)
        }

        init(epoch: Int, values: [Float], optimizer: [String: [Float]], shuffle: SeededGenerator, monitor: CallbackState?) {
            self.epoch = epoch; self.values = values; self.optimizer = optimizer; self.shuffle = shuffle; self.monitor = monitor
        }
    }

    /// The trainer's state now, with `callback`'s.
    public func state<C: StatefulCallback>(with callback: C?) -> State<C.State> {
        State(epoch: epochsCompleted, values: store.snapshot(), optimizer: optimizer.state(), shuffle: shuffleGenerator, monitor: callback?.state)
    }

    /// Continues from `state`: weights, optimizer, shuffles, completed epochs and `callback`'s memory.
    /// Throws when the state does not fit this model or optimizer.
    public func restore<C: StatefulCallback>(_ state: State<C.State>, callback: C?) throws {
        guard state.values.count == store.snapshotCount else {
            throw TrainingError.stateMismatch(savedWeights: state.values.count, modelWeights: store.snapshotCount)
        }
        store.restore(state.values)
        try optimizer.restore(state.optimizer)
        shuffleGenerator = state.shuffle
        if let saved = state.monitor { callback?.restore(saved) }
        resume(atEpoch: state.epoch)
    }
}
