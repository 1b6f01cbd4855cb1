import Document
import Plot
import Results

extension Arm {
    /// The seed's colours: red with the neuron, blue without.
    public var color: PlotColor {
        self == .augmented ? .withNeuron : .withoutNeuron
    }
}
