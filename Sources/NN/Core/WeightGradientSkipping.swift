/// A layer that can leave its weight gradients out of its backward pass, when only dLoss/dInput is
/// wanted (a GAN's discriminator while its generator trains through it).
public protocol WeightGradientSkippingLayer: Layer {
    /// When false, backward writes only `gradInput`; every parameter's `gradient` keeps whatever it held.
    var computesWeightGradients: Bool { get set }
}

extension Sequential {
    /// When false, backward skips the weight gradients of the layers that can (`WeightGradientSkippingLayer`:
    /// `Dense`, `Maxout`) and their `gradient`s keep whatever they held; the input gradient and every
    /// layer's output gradient are the same bits either way. True by default.
    public var computesWeightGradients: Bool {
        get { !layers.contains { ($0 as? WeightGradientSkippingLayer)?.computesWeightGradients == false } }
        set {
            for case let layer as WeightGradientSkippingLayer in layers { layer.computesWeightGradients = newValue }
        }
    }
}
