import Results

/// The values of a model with one exponential neuron per output unit, from the epoch records'
/// `neurons` (one `NeuronEpochValues` per output, in output order; absent with one neuron).
enum OutputNeurons {
    /// The most neurons any of `records` carries: 0 when none carries `neurons` (one neuron).
    static func count(_ records: [EpochRecord]) -> Int {
        records.map { $0.neurons?.count ?? 0 }.max() ?? 0
    }

    /// a_k per record for k = 0..<count(records): nil where a record lacks neuron k or its a is not finite.
    static func scales(_ records: [EpochRecord]) -> [[Double?]] {
        (0..<count(records)).map { k in
            records.map { record in
                guard let neurons = record.neurons, k < neurons.count else { return nil }
                return neurons[k].a
            }
        }
    }

    /// max_k |a_k| of `record`; nil without neurons or when some a_k is not finite (null in the file).
    static func largestScale(_ record: EpochRecord) -> Double? {
        guard let neurons = record.neurons, !neurons.isEmpty else { return nil }
        var largest = 0.0
        for neuron in neurons {
            guard let a = neuron.a, a.isFinite else { return nil }
            largest = max(largest, abs(a))
        }
        return largest
    }

    /// The largest finite identity residual over every neuron of every record; nil when none has one.
    static func largestResidual(_ records: [EpochRecord]) -> Double? {
        records.flatMap { $0.neurons ?? [] }.compactMap(\.identityResidual).filter(\.isFinite).max()
    }
}
