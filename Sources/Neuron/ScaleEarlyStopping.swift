import Training

/// Early stopping driven by the neuron's scale (the seed's suggestion), combined with validation loss:
/// stop when |a| < `scaleTolerance`, the last epoch's change |a_t - a_(t-1)| < `changeTolerance`,
/// and `val_loss` has not improved for `patience` epochs; then restore the weights of the best-`val_loss` epoch.
/// Needs the `a` entry that `NeuronMonitor` adds to the logs (put the monitor first). With several
/// neurons `a` is the one farthest from zero and the monitor's `a_change` (the largest change of any
/// a_k) replaces |a_t - a_(t-1)|, which could compare two different neurons.
public final class ScaleEarlyStopping: Callback {
    public let scaleTolerance: Double, changeTolerance: Double, patience: Int, restoreBestWeights: Bool
    public private(set) var bestEpoch: Int?
    public private(set) var stoppedEpoch: Int?
    private var bestLoss = Double.infinity
    private var bestWeights: [Float]?
    private var previousA: Double?
    private var wait = 0

    public init(scaleTolerance: Double = 1e-3, changeTolerance: Double = 1e-4, patience: Int = 10, restoreBestWeights: Bool = true) {
        self.scaleTolerance = scaleTolerance; self.changeTolerance = changeTolerance
        self.patience = patience; self.restoreBestWeights = restoreBestWeights
    }

    /// The rule on one epoch's values; returns true when training should stop. `change`, when
    /// given, is the epoch's largest change of any neuron's scale (several neurons).
    public func update(epoch: Int, a: Double, change: Double? = nil, valLoss: Double?) -> Bool {
        defer { previousA = a }
        if let valLoss, valLoss < bestLoss { bestLoss = valLoss; bestEpoch = epoch; wait = 0; return false }
        wait += 1
        guard let previousA else { return false }
        let settled = abs(a) < scaleTolerance && (change ?? abs(a - previousA)) < changeTolerance
        return settled && wait >= patience
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        guard let a = logs["a"] else { return }
        let improvedBefore = bestEpoch
        let stop = update(epoch: epoch, a: a, change: logs["a_change"], valLoss: logs["val_loss"])
        if bestEpoch != improvedBefore, restoreBestWeights { bestWeights = trainer.store.snapshot() }
        if stop {
            stoppedEpoch = epoch
            trainer.stopTraining = true
            if let bestWeights { trainer.store.restore(bestWeights) }
        }
    }
}
