import Backend
import Foundation
import Training

/// Whether the experiment's base network gives the same bits on every thread count a training
/// may get (1, 2, 4 up to `maxThreads`): from the same initial weights, one gradient computation
/// on each batch size training uses and the validation loss, at each thread count. oneDNN chooses
/// how to split its sums by shape and thread count, so this is checked for the actual model and
/// data instead of assumed (the seed CNN passes; the augmented arm adds only single-threaded work).
func threadCountsGiveSameBits(_ o: ExperimentOptions, data: ExperimentData, maxThreads: Int) throws -> Bool {
    let counts = [1, 2, 4].filter { $0 <= maxThreads }
    guard counts.count > 1 else { return true }
    let before = ComputeThreads.current
    defer { ComputeThreads.set(before) }
    var batchSizes = [min(o.batchSize, data.train.count)]
    if data.train.count > o.batchSize && data.train.count % o.batchSize != 0 { batchSizes.append(data.train.count % o.batchSize) }
    /// Bit patterns of the gradients on each batch size, then of the validation loss.
    func fingerprint(threads: Int) throws -> [UInt64] {
        ComputeThreads.set(threads)
        let trainer = try TrainingRunner.makeTrainer(arm: .plain, seed: o.seed, options: o, inputShape: data.inputShape)
        var bits: [UInt64] = []
        for size in batchSizes {
            try trainer.computeGradients(data.train, indices: Array(0..<size)[...])
            bits += trainer.store.gradients.map { UInt64($0.bitPattern) }
        }
        return bits + [try trainer.evaluate(data.validation, batchSize: o.batchSize).loss.bitPattern]
    }
    let reference = try fingerprint(threads: counts[0])
    for threads in counts.dropFirst() where try fingerprint(threads: threads) != reference { return false }
    return true
}
