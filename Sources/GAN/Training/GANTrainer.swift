import Backend
import Foundation
import NN
import Neuron
import Tensor

/// Trains one GAN run (`GANConfig`): each step draws a batch of real points and a batch of z, updates
/// D on both (real labelled 1, fake labelled 0, the logistic loss on D's logit, plus lambda * a^2 in
/// the augmented arm), then G through the updated D with the non-saturating loss -log sigmoid(D(G(z))).
///
/// Every random draw comes from the seed through named streams: the training set ("data"), the batch
/// order ("batches"), z ("z"), the evaluation z ("evaluation"), G's and D0's initial weights
/// ("generator", "discriminator") and the neuron's ("neuron"). The two arms of a seed therefore share
/// the data, every z, and G's and D0's initial weights. Divergence ends the run with its fate, never a crash.
public final class GANTrainer {
    public let config: GANConfig
    public let generator: Sequential
    public let discriminator: Discriminator
    /// The fixed training set, row-major [trainingSetSize, 2].
    public let data: [Float]
    private let evaluationZ: [Float]
    // The state a checkpoint saves (`State`), beside the weights.
    var zStream: SeededGenerator, batchStream: SeededGenerator
    var order: [Int] = [], cursor = 0
    let dOptimizer: Adam, gOptimizer: Adam
    /// [real; fake] points of the step (2 * batch rows), D's logit gradients, and z.
    private var points: [Float], gradients: [Float]

    public init(config: GANConfig, backend: any ComputeBackend = DNNLBackend()) throws {
        try config.validate()
        self.config = config
        let root = SeededGenerator(seed: config.seed)
        var dataStream = root.derived("data"), evaluationStream = root.derived("evaluation")
        data = config.task.sample(count: config.trainingSetSize, generator: &dataStream)
        evaluationZ = GaussianNoise.fill(count: config.evaluationSamples * 2, generator: &evaluationStream)
        zStream = root.derived("z")
        batchStream = root.derived("batches")
        generator = try GANNetworks.generator(backend: backend)
        var gInit = root.derived("generator"), dInit = root.derived("discriminator"), nInit = root.derived("neuron")
        generator.store.initialize(using: &gInit)
        let base = try GANNetworks.discriminator(backend: backend)
        base.store.initialize(using: &dInit)
        let neuron = config.arm == .augmented ? ExponentialNeuron(lambda: config.lambda, initialization: config.neuronInit) : nil
        discriminator = try Discriminator(base: base, neuron: neuron, neuronInput: config.neuronInput, backend: backend)
        for p in neuron?.parameters ?? [] { p.initializer.fill(p.value, fans: p.fans, generator: &nInit) }
        dOptimizer = Adam(learningRate: config.learningRate, beta1: config.beta1, beta2: config.beta2, epsilon: config.epsilon)
        gOptimizer = Adam(learningRate: config.learningRate, beta1: config.beta1, beta2: config.beta2, epsilon: config.epsilon)
        points = [Float](repeating: 0, count: 4 * config.batchSize)
        gradients = [Float](repeating: 0, count: 2 * config.batchSize)
    }

    /// Copies the next batch of real points into `points[0 ..< 2 * batch]`, reshuffling each epoch.
    private func nextRealBatch() {
        let n = config.batchSize
        for i in 0..<n {
            if cursor == order.count { order = batchStream.permutation(config.trainingSetSize); cursor = 0 }
            let row = order[cursor]
            cursor += 1
            points[2 * i] = data[2 * row]
            points[2 * i + 1] = data[2 * row + 1]
        }
    }

    /// One D update and one G update; returns their losses (D's with the penalty).
    private func step() throws -> (d: Double, g: Double) {
        let n = config.batchSize
        nextRealBatch()
        var z = GaussianNoise.fill(count: 2 * n, generator: &zStream)
        return try points.withUnsafeMutableBufferPointer { x in
            try gradients.withUnsafeMutableBufferPointer { grad in
                let real = x.baseAddress!, fake = real + 2 * n
                let generated = try z.withUnsafeMutableBufferPointer { try generator.forward($0.baseAddress!, batchSize: n, training: true).output }
                fake.update(from: generated, count: 2 * n)
                // D: real labelled 1, fake labelled 0, one pass over both.
                let logits = try discriminator.forward(real, batchSize: 2 * n)
                let dLoss =
                    LogisticLoss.mean(logits, count: n, real: true, gradient: grad.baseAddress!)
                    + LogisticLoss.mean(logits + n, count: n, real: false, gradient: grad.baseAddress! + n)
                    + discriminator.store.regularizationLoss()
                guard dLoss.isFinite else { throw Divergence.nonFinite("the discriminator's loss is \(dLoss)") }
                _ = try discriminator.backward(gradLogits: grad.baseAddress!, batchSize: 2 * n)
                discriminator.store.addRegularizationGradients()
                dOptimizer.step(values: discriminator.store.values, gradients: discriminator.store.gradients)
                // G: non-saturating, -log sigmoid(D(G(z))), through the updated D.
                let fakeLogits = try discriminator.forward(fake, batchSize: n)
                let gLoss = LogisticLoss.mean(fakeLogits, count: n, real: true, gradient: grad.baseAddress!)
                guard gLoss.isFinite else { throw Divergence.nonFinite("the generator's loss is \(gLoss)") }
                // Only dLoss/dx: D's weight gradients are not used here (the next D step overwrites them).
                let gradFake = try discriminator.backward(gradLogits: grad.baseAddress!, batchSize: n, baseWeightGradients: false)
                try generator.backward(gradOutput: gradFake, batchSize: n)
                gOptimizer.step(values: generator.store.values, gradients: generator.store.gradients)
                return (dLoss, gLoss)
            }
        }
    }

    private enum Divergence: Error { case nonFinite(String) }

    /// `evaluationSamples` points of G in inference mode, from the run's fixed evaluation z.
    public func generate() throws -> [Float] {
        let count = config.evaluationSamples
        var z = evaluationZ
        let out = try z.withUnsafeMutableBufferPointer { try generator.forward($0.baseAddress!, batchSize: count, training: false).output }
        return Array(UnsafeBufferPointer(start: out, count: 2 * count))
    }

    /// The drift detector's window, in log records (it looks only after twice as many).
    public static let driftWindow = 5
    /// a, b and |(w, b)| at every record so far, for the drift detector.
    var history: (a: [Double], b: [Double], norm: [Double]) = ([], [], [])

    /// The neuron's current values, and the largest exponent since the last call (which resets it).
    private func neuronValues(afterSteps: Bool) -> NeuronValues? {
        guard let neuron = discriminator.neuron else { return nil }
        let largest = afterSteps && neuron.largestExponent.isFinite ? Double(neuron.largestExponent) : nil
        neuron.resetTracking()
        let a = Double(neuron.a.value[0]), b = Double(neuron.b.value[0]), w = neuron.wNorm(unit: 0)
        history.a.append(a); history.b.append(b); history.norm.append((w * w + b * b).squareRoot())
        var detector = DivergenceDetector()
        detector.window = Self.driftWindow
        let drifting = detector.isDiverging(scale: history.a, bias: history.b, weightNorm: history.norm)
        return NeuronValues(a: a, b: b, wNorm: w, largestExponent: largest, drifting: drifting)
    }

    private func record(step: Int, losses: (d: Double, g: Double)?, samples: [Float]) -> GANLogRecord {
        let m = ModeMetrics(points: samples, task: config.task)
        func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
        return GANLogRecord(
            arm: config.arm, step: step, dLoss: finite(losses?.d), gLoss: finite(losses?.g),
            modesCaptured: m.modesCaptured, highQualityPercent: m.highQualityPercent, reverseKL: m.reverseKL,
            histogram: m.histogram, nonFinitePoints: m.nonFiniteCount, neuron: neuronValues(afterSteps: losses != nil))
    }

    /// Runs every step, logging at step 0, every `logEvery` steps and at the last step (or the step
    /// that diverged); `onLog` sees each record as it is made.
    ///
    /// Resuming: `checkpoint` (a `State` of this configuration) continues after its step, with `earlierLog`
    /// the records made up to it (the result's log starts with them); the bits are those of a run never
    /// stopped. Every `checkpointEvery` steps (0: never; not at the last step) `onCheckpoint` gets the
    /// state, after that step's record. `stopAfter` (for tests) throws `GANError.stopped` after that
    /// step's record and checkpoint, as if the run were killed there.
    public func run(
        from checkpoint: State? = nil, earlierLog: [GANLogRecord] = [], checkpointEvery: Int = 0, stopAfter: Int? = nil,
        onCheckpoint: (State) throws -> Void = { _ in }, onLog: (GANLogRecord) throws -> Void = { _ in }
    ) throws -> GANRunResult {
        var log = earlierLog, samples: [Float] = [], seconds = 0.0, first = 1
        if let checkpoint {
            try restore(checkpoint)
            (seconds, first) = (checkpoint.trainingSeconds, checkpoint.step + 1)
        } else {
            samples = try generate()
            log.append(record(step: 0, losses: nil, samples: samples))
            try onLog(log[0])
        }
        var fate = GANFate.completed, fateStep: Int?, message: String?
        var losses: (d: Double, g: Double)?
        for s in first...max(config.steps, first) where config.steps >= first {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                losses = try step()
            } catch let error as NeuronError {
                (fate, fateStep, message) = (.overflow, s, error.description)
            } catch Divergence.nonFinite(let why) {
                (fate, fateStep, message) = (.nonFinite, s, why)
            }
            seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard fate == .completed else { break }
            if s % config.logEvery == 0 || s == config.steps {
                samples = try generate()
                log.append(record(step: s, losses: losses, samples: samples))
                try onLog(log[log.count - 1])
            }
            if checkpointEvery > 0 && s % checkpointEvery == 0 && s < config.steps { try onCheckpoint(state(step: s, seconds: seconds)) }
            if s == stopAfter { throw GANError.stopped(step: s) }
        }
        if let fateStep {
            samples = try generate()
            log.append(record(step: fateStep, losses: nil, samples: samples))
            try onLog(log[log.count - 1])
        }
        return GANRunResult(config: config, fate: fate, fateStep: fateStep, fateMessage: message, log: log, samples: samples, trainingSeconds: seconds)
    }
}
