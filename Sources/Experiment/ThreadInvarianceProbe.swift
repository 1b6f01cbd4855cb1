import Backend
import Foundation
import Training

/// Whether the experiment's base network gives the same bits on the thread counts a training may
/// get (1, 2, 3, 4 and `maxThreads`, up to `maxThreads`): from the same initial weights, one
/// gradient computation on each batch size training uses and the validation loss, at each thread
/// count. Every kernel OneNeuron ships is thread-invariant by construction (fixed batch chunks,
/// oneDNN on one thread); this is a safety net for a layer that is not (e.g. a user's own).
func threadCountsGiveSameBits(_ o: ExperimentOptions, data: ExperimentData, maxThreads: Int) throws -> Bool {
    let counts = Set([1, 2, 3, 4, maxThreads]).filter { $0 <= maxThreads }.sorted()
    guard counts.count > 1 else { return true }
    let before = ComputeThreads.current
    defer { ComputeThreads.set(before) }
    var batchSizes = [min(o.training.batchSize, data.train.count)]
    if data.train.count > o.training.batchSize && data.train.count % o.training.batchSize != 0 { batchSizes.append(data.train.count % o.training.batchSize) }
    /// Bit patterns of the gradients on each batch size, then of the validation loss.
    func fingerprint(threads: Int) throws -> [UInt64] {
        ComputeThreads.set(threads)
        let trainer = try o.trainerFactory(inputShape: data.inputShape).makeTrainer(arm: .plain, seed: o.training.seed).trainer
        var bits: [UInt64] = []
        for size in batchSizes {
            try trainer.computeGradients(data.train, indices: Array(0..<size)[...])
            bits += trainer.store.gradients.map { UInt64($0.bitPattern) }
        }
        return bits + [try trainer.evaluate(data.validation, batchSize: o.training.batchSize).loss.bitPattern]
    }
    let reference = try fingerprint(threads: counts[0])
    for threads in counts.dropFirst() where try fingerprint(threads: threads) != reference { return false }
    return true
}
