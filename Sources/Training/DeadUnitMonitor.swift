import NN
import Results

/// Counts, per epoch, the dead units of every ReLU layer: units (a convolution's channels, a
/// dense layer's neurons) whose output was zero for every training sample in the epoch's forward
/// passes. A dead unit passes no gradient back, so the weights feeding it did not learn that epoch.
/// Reads the outputs the training step computed anyway (`Trainer.lastStep`, no extra forward pass); a layer whose
/// units have all been seen alive is not read again in that epoch, so live layers cost a few reads.
public final class DeadUnitMonitor: Callback {
    /// The last finished epoch's counts, one per ReLU layer in layer order. Valid from `onEpochEnd` on.
    public private(set) var epochCounts: [DeadUnitCount] = []
    private var alive: [[Bool]] = []
    private var aliveCount: [Int] = []

    public init() {}

    public func onEpochBegin(_ epoch: Int, trainer: Trainer) throws {
        alive = []; aliveCount = []; epochCounts = []
    }

    public func onBatchEnd(_ batch: Int, epoch: Int, logs: Logs, trainer: Trainer) throws {
        let outputs = trainer.lastStep?.forward.reluOutputs ?? []
        if alive.isEmpty {
            alive = outputs.map { [Bool](repeating: false, count: $0.units) }
            aliveCount = outputs.map { _ in 0 }
        }
        for (l, output) in outputs.enumerated() where aliveCount[l] < output.units {
            markAlive(output, layer: l)
        }
    }

    private func markAlive(_ output: ReLULayerOutput, layer l: Int) {
        let units = output.units, total = output.batchSize * output.valuesPerSample
        var found = aliveCount[l]
        alive[l].withUnsafeMutableBufferPointer { flags in
            var start = 0
            // Position by position (units values each): stop as soon as every unit has been seen alive.
            while start < total && found < units {
                for u in 0..<units where !flags[u] && output.values[start + u] > 0 {
                    flags[u] = true; found += 1
                }
                start += units
            }
        }
        aliveCount[l] = found
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs, trainer: Trainer) throws {
        let outputs = trainer.lastStep?.forward.reluOutputs ?? []
        guard alive.count == outputs.count else { epochCounts = []; return }
        epochCounts = zip(outputs, aliveCount).map { DeadUnitCount(layer: $0.layerName, dead: $0.units - $1, units: $0.units) }
    }
}
