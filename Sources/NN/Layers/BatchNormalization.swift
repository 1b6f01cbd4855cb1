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
    /// The mean and 1 / sqrt(variance + epsilon) the last forward pass normalised with, per channel.
    private var mean: [Double] = [], inverseStd: [Double] = []
    /// Per-channel sums of the backward pass.
    private var sumGrad: [Double] = [], sumGradXhat: [Double] = []
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
        mean = Array(repeating: 0, count: c); inverseStd = mean; sumGrad = mean; sumGradXhat = mean
        return inputShape
    }

    public func forward(_ input: Activations, _ output: Activations, training: Bool) throws {
        let c = channels, rows = input.count / c
        let x = input.pointer, y = output.pointer
        if training {
            batchStatistics(x, rows: rows)
            updateMovingStatistics(rows: rows)
        } else {
            for j in 0..<c {
                mean[j] = Double(movingMean.value[j])
                inverseStd[j] = 1 / (Double(movingVariance.value[j]) + Double(epsilon)).squareRoot()
            }
        }
        lastUsedBatchStatistics = training
        for r in 0..<rows {
            let base = r * c
            for j in 0..<c {
                let xhat = (Double(x[base + j]) - mean[j]) * inverseStd[j]
                y[base + j] = Float(xhat * Double(gamma.value[j]) + Double(beta.value[j]))
            }
        }
    }

    /// Sets `mean` and `inverseStd` from the batch: two passes (mean, then the mean squared deviation).
    private func batchStatistics(_ x: UnsafeMutablePointer<Float>, rows: Int) {
        let c = channels
        for j in 0..<c { mean[j] = 0; inverseStd[j] = 0 }
        for r in 0..<rows {
            for j in 0..<c { mean[j] += Double(x[r * c + j]) }
        }
        for j in 0..<c { mean[j] /= Double(rows) }
        // inverseStd holds the sum of squared deviations until the end.
        for r in 0..<rows {
            for j in 0..<c {
                let d = Double(x[r * c + j]) - mean[j]
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
        for j in 0..<channels {
            let variance = inverseStd[j]
            movingMean.value[j] = Float(Double(movingMean.value[j]) * m + mean[j] * (1 - m))
            movingVariance.value[j] = Float(Double(movingVariance.value[j]) * m + variance * correction * (1 - m))
            inverseStd[j] = 1 / (variance + Double(epsilon)).squareRoot()
        }
    }

    /// dbeta = sum dy, dgamma = sum dy * xhat; after a training forward
    /// dx = gamma * inverseStd / n * (n * dy - dbeta - xhat * dgamma) (the batch statistics depend on x),
    /// after an inference forward dx = gamma * inverseStd * dy.
    public func backward(input: Activations, output: Activations, gradOutput: Activations, gradInput: Activations?) throws {
        let c = channels, rows = input.count / c
        let x = input.pointer, dy = gradOutput.pointer
        for j in 0..<c { sumGrad[j] = 0; sumGradXhat[j] = 0 }
        for r in 0..<rows {
            for j in 0..<c {
                let g = Double(dy[r * c + j])
                sumGrad[j] += g
                sumGradXhat[j] += g * (Double(x[r * c + j]) - mean[j]) * inverseStd[j]
            }
        }
        for j in 0..<c {
            beta.gradient[j] = Float(sumGrad[j])
            gamma.gradient[j] = Float(sumGradXhat[j])
        }
        guard let gradInput else { return }
        let dx = gradInput.pointer, n = Double(rows)
        for r in 0..<rows {
            for j in 0..<c {
                let i = r * c + j, scale = Double(gamma.value[j]) * inverseStd[j]
                if lastUsedBatchStatistics {
                    let xhat = (Double(x[i]) - mean[j]) * inverseStd[j]
                    dx[i] = Float(scale / n * (n * Double(dy[i]) - sumGrad[j] - xhat * sumGradXhat[j]))
                } else {
                    dx[i] = Float(scale * Double(dy[i]))
                }
            }
        }
    }
}
