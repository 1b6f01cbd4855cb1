import Plot

/// The colours every report's figures give the two arms, the seed's convention: red with the
/// exponential neuron, blue without (the experiment report and the lab report both use them).
extension PlotColor {
    /// The seed's convention: red is the arm with the exponential neuron.
    public static let withNeuron = PlotColor.red
    /// The seed's convention: blue is the arm without the neuron.
    public static let withoutNeuron = PlotColor.blue
}
