import Backend
import NN

/// PacGAN's 2D networks, every weight N(0, 0.02^2) and every bias 0.
public enum GANNetworks {
    /// N(0, 0.02^2), PacGAN's (and DCGAN's) initialisation.
    public static let weightInit = Initializer.normal(mean: 0, std: 0.02)

    /// z (2) -> 4 x [Linear 400, BatchNorm, ReLU] -> Linear 2. Batch norm with momentum 0.9 and
    /// epsilon 1e-5 (TensorFlow's DCGAN batch_norm, PyTorch's defaults); the metrics sample in inference mode.
    public static func generator(backend: any ComputeBackend = DNNLBackend()) throws -> Sequential {
        var layers: [Layer] = []
        for _ in 0..<4 {
            layers += [Dense(units: 400, kernelInitializer: weightInit), BatchNormalization(momentum: 0.9, epsilon: 1e-5), ReLU()]
        }
        layers.append(Dense(units: 2, kernelInitializer: weightInit))
        return try Sequential(layers, inputShape: [2], name: "generator", backend: backend)
    }

    /// x (2) -> 3 x Maxout (200 units, 5 pieces) -> Linear 1 (D's logit). Computes its input
    /// gradient (G is trained through it).
    public static func discriminator(backend: any ComputeBackend = DNNLBackend()) throws -> Sequential {
        let layers: [Layer] =
            (0..<3).map { _ in Maxout(units: 200, pieces: 5, kernelInitializer: weightInit) }
            + [Dense(units: 1, kernelInitializer: weightInit)]
        let d = try Sequential(layers, inputShape: [2], name: "discriminator", backend: backend)
        d.computesInputGradient = true
        return d
    }
}
