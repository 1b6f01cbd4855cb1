/// What a model's backward pass found on its way down (its gradients are in the model's store).
public struct BackwardPass: Sendable, Equatable {
    /// Where the gradient became exactly zero inside the network (nil: it reached the input, or
    /// the loss gradient itself was zero).
    public var gradientBlock: GradientBlock?
    /// Layers whose backward passes were not run because their gradients were known to be zero.
    public var skippedLayers: Int

    public init(gradientBlock: GradientBlock? = nil, skippedLayers: Int = 0) {
        self.gradientBlock = gradientBlock; self.skippedLayers = skippedLayers
    }
}

/// No gradient reached the layers below `layerName` in a backward pass: that layer's backward gave
/// an exactly-zero input gradient (e.g. every ReLU of a dense layer dead, the "stuck at loss 1.0"
/// plateau), so nothing below it can learn from that batch.
public struct GradientBlock: Sendable, Equatable {
    /// Index of the blocking layer in its network.
    public var layerIndex: Int
    public var layerName: String
    /// True when nothing else in the model still learns either (a plain network; for an augmented
    /// model, its neurons' gradients are exactly zero too). False: only the base network is stuck.
    public var wholeModel: Bool

    public init(layerIndex: Int, layerName: String, wholeModel: Bool) {
        self.layerIndex = layerIndex; self.layerName = layerName; self.wholeModel = wholeModel
    }
}
