import Tensor

extension GANTrainer {
    /// Everything the rest of a run depends on after `step` steps: G's and D's weights (trainable then
    /// non-trainable, `ParameterStore.snapshot()`: BatchNorm's moving statistics included; D's holds the
    /// neuron's a, w, b), both Adam optimizers' moments and step counts, the z and batch streams, the
    /// epoch's shuffled order and its cursor, the drift detector's history, the neuron's largest exponent
    /// since the last record, and the training seconds so far. Restoring it continues bit for bit.
    public struct State: Sendable, Equatable {
        /// Steps completed.
        public var step: Int
        public var generator: [Float]
        public var discriminator: [Float]
        public var generatorOptimizer: [String: [Float]]
        public var discriminatorOptimizer: [String: [Float]]
        public var zStream: SeededGenerator
        public var batchStream: SeededGenerator
        public var order: [Int]
        public var cursor: Int
        /// a, b and |(w, b)| at every record so far (empty in the plain arm).
        public var driftHistory: (a: [Double], b: [Double], norm: [Double])
        /// The neuron's largest exponent since the last record (-infinity when none; nil in the plain arm).
        public var largestExponent: Float?
        /// Wall-clock seconds of the training steps so far.
        public var trainingSeconds: Double

        public static func == (l: State, r: State) -> Bool {
            l.step == r.step && l.generator == r.generator && l.discriminator == r.discriminator
                && l.generatorOptimizer == r.generatorOptimizer && l.discriminatorOptimizer == r.discriminatorOptimizer
                && l.zStream == r.zStream && l.batchStream == r.batchStream && l.order == r.order && l.cursor == r.cursor
                && l.driftHistory == r.driftHistory && l.largestExponent?.bitPattern == r.largestExponent?.bitPattern
                && l.trainingSeconds == r.trainingSeconds
        }
    }

    /// The state after `step` steps that took `seconds` (what `run` gives its checkpoints).
    public func state(step: Int, seconds: Double) -> State {
        State(
            step: step, generator: generator.store.snapshot(), discriminator: discriminator.store.snapshot(),
            generatorOptimizer: gOptimizer.state(), discriminatorOptimizer: dOptimizer.state(), zStream: zStream, batchStream: batchStream,
            order: order, cursor: cursor, driftHistory: history, largestExponent: discriminator.neuron?.largestExponent, trainingSeconds: seconds)
    }

    /// Puts the trainer in `state` (`run(from:)` does, then continues); throws when the state does not
    /// fit this run's configuration (then nothing has changed).
    public func restore(_ state: State) throws {
        func require(_ ok: Bool, _ problem: String) throws { if !ok { throw GANCheckpointProblem(problem) } }
        try require((1..<config.steps).contains(state.step), "its step \(state.step) is not between 1 and \(config.steps - 1)")
        for (name, saved, store) in [("G", state.generator, generator.store), ("D", state.discriminator, discriminator.store)] {
            try require(saved.count == store.snapshotCount, "\(name) has \(saved.count) values, not \(store.snapshotCount)")
        }
        for (name, saved, count) in [("G", state.generatorOptimizer, generator.store.count), ("D", state.discriminatorOptimizer, discriminator.store.count)] {
            try require(
                saved["m"]?.count == count && saved["v"]?.count == count && saved["iterations"]?.first == Float(state.step),
                "\(name)'s optimizer state does not fit \(count) weights after \(state.step) steps")
        }
        try require(state.order.isEmpty || state.order.count == config.trainingSetSize, "the batch order has \(state.order.count) entries")
        try require(state.order.allSatisfy { (0..<config.trainingSetSize).contains($0) }, "the batch order has an index out of range")
        try require((0...state.order.count).contains(state.cursor), "the batch cursor \(state.cursor) is out of range")
        let records = state.step / config.logEvery + 1, h = state.driftHistory
        try require(
            discriminator.neuron == nil ? h.a.isEmpty && state.largestExponent == nil : h.a.count == records && state.largestExponent != nil,
            "the neuron's history does not fit \(records) records")
        try require(h.b.count == h.a.count && h.norm.count == h.a.count, "the neuron's history has series of different lengths")
        generator.store.restore(state.generator)
        discriminator.store.restore(state.discriminator)
        try gOptimizer.restore(state.generatorOptimizer)
        try dOptimizer.restore(state.discriminatorOptimizer)
        zStream = state.zStream
        batchStream = state.batchStream
        order = state.order
        cursor = state.cursor
        history = state.driftHistory
        if let largest = state.largestExponent { discriminator.neuron?.restoreTracking(largestExponent: largest) }
    }
}

/// Why a checkpoint cannot be resumed from (wrapped in `GANError.unreadableCheckpoint` with its file).
struct GANCheckpointProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
