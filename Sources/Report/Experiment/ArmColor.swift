import Plot
import Results

extension PlotColor {
    /// The seed's convention: red is the arm with the exponential neuron.
    public static let withNeuron = PlotColor.red
    /// The seed's convention: blue is the arm without the neuron.
    public static let withoutNeuron = PlotColor.blue
}

extension Arm {
    /// The seed's colours: red with the neuron, blue without.
    public var color: PlotColor {
        self == .augmented ? .withNeuron : .withoutNeuron
    }
}
