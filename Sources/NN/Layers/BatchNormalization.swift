import Backend
import Tensor

/// Batch normalisation over the last axis (channels last: [N, C], [N, H, W, C], ...), Keras
/// semantics: y = gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel.
///
/// - Training (`forward(training: true)`): mean and variance are the batch's (the biased variance,
///   over every sample and position), and the moving statistics move towards them:
///   `moving = moving * momentum + batch * (1 - momentum)` (Keras' momentum; PyTorch's `momentum`
///   is 1 - this one, so PyTorch's default 0.1 is 0.9 here).
/// - Inference: mean and variance are the moving statistics.
///
/// gamma and beta are trainable; `moving_mean` and `moving_variance` are non-trainable weights
/// (`nonTrainableWeights`: saved with the weights and in checkpoints, never moved by the optimizer).
/// The moving variance is updated with the biased batch variance (Keras) or the unbiased one,
/// times n / (n - 1) (PyTorch's running_var): `varianceUpdate`. Normalisation uses the biased one either way.
///
/// The per-channel sums (mean, variance, and dgamma, dbeta in backward) are plain Swift on the calling
/// thread, accumulated in float64 in row order: one summation order whatever the thread count, and
/// close to PyTorch, which accumulates float32 batch norm in double on CPUs. Not measured against a
/// oneDNN batch-norm primitive: the layers this is for are small (a GAN's 100 x 400 batches).
public final class BatchNormalization: Layer {
    /// Which batch variance updates `moving_variance` in training.
    public enum VarianceUpdate: String, Sendable, Codable {
        /// The biased batch variance (divided by n), as Keras.
        case biased
        /// The unbiased batch variance (divided by n - 1), as PyTorch's running_var.
        case unbiased
    }

    public var name: String
    /// Keras momentum of the moving statistics (default 0.99; PyTorch's momentum m is 1 - m here).
    public let momentum: Float
    /// Added to the variance before the square root (Keras 1e-3; PyTorch 1e-5).
    public let epsilon: Float
    public let varianceUpdate: VarianceUpdate
    public private(set) var gamma: Parameter!
    public private(set) var beta: Parameter!
    public private(set) var movingMean: Parameter!
    public private(set) var movingVariance: Parameter!
    public var parameters: [Parameter] { gamma.map { [$0, beta] } ?? [] }
    public var nonTrainableWeights: [Parameter] { movingMean.map { [$0, movingVariance] } ?? [] }
    private var channels = 0
    /// The last forward pass's mean and 1 / sqrt(variance + epsilon), and the backward pass's sums.
    private var statistics = ChannelStatistics(channels: 0)
    /// Whether the last forward pass used batch statistics (then backward differentiates through them).
    private var lastUsedBatchStatistics = false

    public init(
        momentum: Float = 0.99, epsilon: Float = 1e-3, varianceUpdate: VarianceUpdate = .biased,
        name: String = "batch_normalization"
    ) {
        self.name = name; self.momentum = momentum; self.epsilon = epsilon; self.varianceUpdate = varianceUpdate
    }

    public func build(inputShape: [Int], context: BuildContext) throws -> [Int] {
        guard let c = inputShape.last, c > 0 else {
            throw TensorError.shapeMismatch(expected: [nil], actual: inputShape, context: "layer \(name) (BatchNormalization) input (..., channels)")
        }
        channels = c
        gamma = Parameter(name: "\(name)/gamma", shape: [c], initializer: .constant(1))
        beta = Parameter(name: "\(name)/beta", shape: [c], initializer: .zeros)
        movingMean = Parameter(name: "\(name)/moving_mean", shape: [c], initializer: .zeros, trainable: false)
        movingVariance = Parameter(name: "\(name)/moving_variance", shape: [c], initializer: .constant(1), trainable: false)
        statistics = ChannelStatistics(channels: c)
        return inputShape
    }

    // The loops below read the weights and statistics through local pointers (no property access per
    // element) and walk rows then channels, in memory order; each value is computed by the same float64
    // operations in the same order as before, so the results have the same bits.

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        let c = channels, rows = input.count / c
        let x = input.pointer, y = output.pointer, s = statistics
        if training {
            batchStatistics(x, rows: rows)
            updateMovingStatistics(rows: rows)
        } else {
            let movingMean = self.movingMean.value, movingVariance = self.movingVariance.value
            for j in 0..<c {
                s.mean[j] = Double(movingMean[j])
                s.inverseStd[j] = 1 / (Double(movingVariance[j]) + Double(epsilon)).squareRoot()
            }
        }
        lastUsedBatchStatistics = training
        let mean = s.mean, inverseStd = s.inverseStd, gamma = self.gamma.value, beta = self.beta.value
        for r in 0..<rows {
            let xr = x + r * c, yr = y + r * c
            for j in 0..<c {
                let xhat = (Double(xr[j]) - mean[j]) * inverseStd[j]
                yr[j] = Float(xhat * Double(gamma[j]) + Double(beta[j]))
            }
        }
    }

    /// Sets `mean` and `inverseStd` from the batch: two passes (mean, then the mean squared deviation).
    private func batchStatistics(_ x: UnsafeMutablePointer<Float>, rows: Int) {
        let c = channels, mean = statistics.mean, inverseStd = statistics.inverseStd
        mean.update(repeating: 0, count: c)
        inverseStd.update(repeating: 0, count: c)
        for r in 0..<rows {
            let xr = x + r * c
            for j in 0..<c { mean[j] += Double(xr[j]) }
        }
        for j in 0..<c { mean[j] /= Double(rows) }
        // inverseStd holds the sum of squared deviations until the end.
        for r in 0..<rows {
            let xr = x + r * c
            for j in 0..<c {
                let d = Double(xr[j]) - mean[j]
                inverseStd[j] += d * d
            }
        }
        for j in 0..<c { inverseStd[j] /= Double(rows) }
    }

    /// Moves the moving statistics towards the batch's (while `inverseStd` still holds the biased
    /// variance), then turns `inverseStd` into 1 / sqrt(variance + epsilon).
    private func updateMovingStatistics(rows: Int) {
        let m = Double(momentum)
        let correction = varianceUpdate == .unbiased && rows > 1 ? Double(rows) / Double(rows - 1) : 1
        let mean = statistics.mean, inverseStd = statistics.inverseStd
        let movingMean = self.movingMean.value, movingVariance = self.movingVariance.value
        for j in 0..<channels {
            let variance = inverseStd[j]
            movingMean[j] = Float(Double(movingMean[j]) * m + mean[j] * (1 - m))
            movingVariance[j] = Float(Double(movingVariance[j]) * m + variance * correction * (1 - m))
            inverseStd[j] = 1 / (variance + Double(epsilon)).squareRoot()
        }
    }

    /// dbeta = sum dy, dgamma = sum dy * xhat; after a training forward
    /// dx = gamma * inverseStd / n * (n * dy - dbeta - xhat * dgamma) (the batch statistics depend on x),
    /// after an inference forward dx = gamma * inverseStd * dy.
    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        let c = channels, rows = input.count / c
        let x = input.pointer, dy = gradOutput.pointer, s = statistics
        let mean = s.mean, inverseStd = s.inverseStd, sumGrad = s.sumGrad, sumGradXhat = s.sumGradXhat
        sumGrad.update(repeating: 0, count: c)
        sumGradXhat.update(repeating: 0, count: c)
        for r in 0..<rows {
            let xr = x + r * c, dyr = dy + r * c
            for j in 0..<c {
                let g = Double(dyr[j])
                sumGrad[j] += g
                sumGradXhat[j] += g * (Double(xr[j]) - mean[j]) * inverseStd[j]
            }
        }
        let gamma = self.gamma.value, gradGamma = self.gamma.gradient, gradBeta = self.beta.gradient
        for j in 0..<c {
            gradBeta[j] = Float(sumGrad[j])
            gradGamma[j] = Float(sumGradXhat[j])
        }
        guard let gradInput else { return }
        let dx = gradInput.pointer, n = Double(rows), usedBatch = lastUsedBatchStatistics
        for r in 0..<rows {
            let xr = x + r * c, dyr = dy + r * c, dxr = dx + r * c
            if usedBatch {
                for j in 0..<c {
                    let scale = Double(gamma[j]) * inverseStd[j], xhat = (Double(xr[j]) - mean[j]) * inverseStd[j]
                    dxr[j] = Float(scale / n * (n * Double(dyr[j]) - sumGrad[j] - xhat * sumGradXhat[j]))
                }
            } else {
                for j in 0..<c { dxr[j] = Float(Double(gamma[j]) * inverseStd[j] * Double(dyr[j])) }
            }
        }
    }
}
