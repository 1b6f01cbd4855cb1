// The results schema (records, arms, JSON) is Report's vocabulary: whoever imports Report reads it too.
@_exported import Results

extension Arm {
    /// The seed's colours: red with the neuron, blue without.
    public var color: PlotColor {
        self == .augmented ? .withNeuron : .withoutNeuron
    }
}
