/// Passes that `Sequential` runs together because they walk the same buffers: a convolution's ReLU
/// mask applied by the layer above, and a max pooling run inside the convolution below it.
extension Sequential {
    /// Sets each pair's flags from `fusesReLUMasks` and `fusesPoolingIntoConvolutions`.
    func fuseReLUMasks() {
        for (below, above) in zip(layers, layers.dropFirst()) {
            guard let conv = below as? Conv2D, conv.activation == .relu else { continue }
            if let pool = above as? MaxPooling2D {
                pool.backwardAppliesReLUMask = fusesReLUMasks
                // The pooling's backward writes the ReLU's gradient, so it can run per chunk inside the convolution's.
                conv.poolingAbove = fusesReLUMasks && fusesPoolingIntoConvolutions ? pool : nil
            } else if let upper = above as? Conv2D {
                upper.masksInputGradientByReLU = fusesReLUMasks
            } else {
                continue
            }
            conv.reluMaskAppliedAbove = fusesReLUMasks
        }
    }

    /// Whether the backward of the pooling layer `poolIndex`, given its output gradient, would write only
    /// zeros (what `isAllZero` of its result says, without running it): every window's gradient, masked
    /// by the ReLU below when the pooling applies it, is zero, and none is infinite or NaN (whose product
    /// with the mask's 0 is NaN).
    func poolingPassesNothing(_ poolIndex: Int, _ gradPooled: Activations) -> Bool {
        guard let pool = layers[poolIndex] as? MaxPooling2D else { return false }
        let maxima = layerOutput(poolIndex), g = gradPooled.pointer
        let passing: Float = pool.backwardAppliesReLUMask ? 0 : -.infinity
        for j in 0..<gradPooled.count {
            if g[j] * 0 != 0 || g[j] * (maxima[j] > passing ? 1 : 0) != 0 { return false }
        }
        return true
    }
}
