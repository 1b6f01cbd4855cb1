import Backend
import GradientChecks
import NN
import Tensor
import XCTest

/// Batch normalisation in float64, training mode (batch mean and biased variance over all rows of
/// channels-last `x`): the reference of the gradient checks.
func batchNormalization64(_ x: [Double], channels c: Int, gamma: [Double], beta: [Double], epsilon: Double) -> [Double] {
    let rows = x.count / c
    var mean = [Double](repeating: 0, count: c), variance = mean
    for i in x.indices { mean[i % c] += x[i] / Double(rows) }
    for i in x.indices { variance[i % c] += (x[i] - mean[i % c]) * (x[i] - mean[i % c]) / Double(rows) }
    return x.indices.map { i in
        let j = i % c
        return gamma[j] * (x[i] - mean[j]) / (variance[j] + epsilon).squareRoot() + beta[j]
    }
}

final class BatchNormalizationTests: XCTestCase {
    func testTrainingGradientsMatchCentralDifferences() throws {
        for (shape, batch) in [([5], 6), ([3, 2, 4], 2)] {
            let layer = BatchNormalization(momentum: 0.9, epsilon: 1e-3)
            let check = LayerGradientCheck(layer: layer, inputShape: shape, batch: batch) { x, p in
                batchNormalization64(x, channels: shape.last!, gamma: p[0], beta: p[1], epsilon: 1e-3)
            }
            let result = try check.run()
            XCTAssertLessThan(result.worst, 1e-2, "BatchNormalization \(shape) batch \(batch): \(result.detail)")
        }
    }

    func testWeightsAreGammaBetaThenTheMovingStatistics() throws {
        let model = try Sequential([Dense(units: 3), BatchNormalization(), Dense(units: 1)], inputShape: [2])
        XCTAssertEqual(
            model.parameters.map(\.name),
            [
                "dense/kernel", "dense/bias", "batch_normalization/gamma",
                "batch_normalization/beta", "dense_1/kernel", "dense_1/bias"
            ])
        XCTAssertEqual(
            model.weights.map(\.name),
            [
                "dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta",
                "batch_normalization/moving_mean", "batch_normalization/moving_variance",
                "dense_1/kernel", "dense_1/bias"
            ])
        XCTAssertEqual(model.store.count, (2 * 3 + 3) + (3 + 3) + (3 + 1))
        XCTAssertEqual(model.store.stateCount, 6)
        XCTAssertEqual(model.store.state.map(\.trainable), [false, false])
        XCTAssertEqual(model.store.snapshot().count, model.store.snapshotCount)
        let bn = model.layers[1] as! BatchNormalization
        XCTAssertEqual(Array(bn.movingMean.value), [0, 0, 0])
        XCTAssertEqual(Array(bn.movingVariance.value), [1, 1, 1])
    }

    /// Keras' update: moving = moving * momentum + batch * (1 - momentum), with the biased batch variance.
    func testKerasMovingStatisticsUseTheBiasedVariance() throws {
        for update in [BatchNormalization.VarianceUpdate.biased, .unbiased] {
            let layer = BatchNormalization(momentum: 0.75, epsilon: 1e-3, varianceUpdate: update)
            let model = try Sequential([layer], inputShape: [1])
            let x: [Float] = [1, 2, 3, 6]  // mean 3, biased variance 3.5, unbiased 14/3
            _ = try x.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 4, training: true) }
            XCTAssertEqual(layer.movingMean.value[0], 0.75 * 0 + 0.25 * 3, accuracy: 1e-6)
            let batchVariance: Float = update == .biased ? 3.5 : 14.0 / 3
            XCTAssertEqual(layer.movingVariance.value[0], 0.75 * 1 + 0.25 * batchVariance, accuracy: 1e-6)
            // Inference leaves them alone.
            _ = try x.withUnsafeBufferPointer { try model.forward($0.baseAddress!, batchSize: 4, training: false) }
            XCTAssertEqual(layer.movingMean.value[0], 0.75, accuracy: 1e-6)
        }
    }

    /// The optimizer moves gamma and beta only; the moving statistics move in the forward pass and
    /// come back with a snapshot.
    func testOptimizerNeverTouchesTheMovingStatistics() throws {
        let layer = BatchNormalization(momentum: 0.5)
        let model = try Sequential([Dense(units: 2), layer], inputShape: [3])
        let optimizer = Adam(learningRate: 0.1)
        let before = model.store.snapshot()
        var x: [Float] = [1, -2, 0.5, 3, 0.25, -1]
        let dy: [Float] = [1, -1, 0.5, 2]
        try x.withUnsafeMutableBufferPointer { xs in
            _ = try model.forward(xs.baseAddress!, batchSize: 2, training: true)
            try dy.withUnsafeBufferPointer { _ = try model.backward(gradOutput: $0.baseAddress!, batchSize: 2) }
        }
        let moved = Array(layer.movingMean.value) + Array(layer.movingVariance.value)
        XCTAssertNotEqual(moved, [0, 0, 1, 1])
        optimizer.step(values: model.store.values, gradients: model.store.gradients)
        XCTAssertEqual(Array(layer.movingMean.value) + Array(layer.movingVariance.value), moved)
        XCTAssertNotEqual(Array(layer.gamma.value), [1, 1])
        model.store.restore(before)
        XCTAssertEqual(model.store.snapshot(), before)
        XCTAssertEqual(Array(layer.movingVariance.value), [1, 1])
    }
}
