/// A layer that runs two neighbouring layers of a `Sequential` as one, with the same kernels and
/// the same results, walking their buffers once (built by `ExecutionPlan`). It keeps the lower
/// layer's output and output gradient itself; its own output is the upper layer's.
protocol FusedLayer: Layer {
    /// The lower layer's output in the last forward pass.
    var lowerOutput: UnsafeMutablePointer<Float> { get }
    /// Whether `backward`, given the gradient of `output`, would write only zeros as the gradient of
    /// the lower layer's output (so nothing below the upper layer learns), told without running it.
    func lowerGradientVanishes(output: Activations, gradOutput: Activations) -> Bool
}
