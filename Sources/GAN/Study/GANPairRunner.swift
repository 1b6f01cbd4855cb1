import Backend
import Foundation

/// Runs the arms of one seed into `<out>/seed-<seed>/<arm>/` (`GANRunFiles`), skipping an arm whose
/// result.json exists: an interrupted arm resumes from its checkpoint (or starts again without one),
/// a finished one is kept.
public struct GANPairRunner {
    public var base: GANConfig
    public var arms: [GANArm]
    public var out: URL
    /// Steps between an arm's checkpoints (0: none).
    public var checkpointEvery = 10_000
    /// For tests: each arm stops with `GANError.stopped` after this step (as if killed there).
    public var stopAfter: Int?
    /// Called with each log record and each skipped arm, as a line of text.
    public var progress: (String) -> Void

    public init(base: GANConfig, arms: [GANArm], out: URL, progress: @escaping (String) -> Void = { print($0) }) {
        self.base = base; self.arms = arms; self.out = out; self.progress = progress
    }

    /// The folder of one arm of one seed.
    public static func folder(_ out: URL, seed: UInt64, arm: GANArm) -> URL {
        out.appendingPathComponent("seed-\(seed)").appendingPathComponent(arm.rawValue)
    }

    /// Runs (or skips) each arm of `seed`; returns their result files, finished ones read back.
    @discardableResult
    public func run(seed: UInt64) throws -> [GANResultFile] {
        var results: [GANResultFile] = []
        for arm in arms {
            var config = base
            config.seed = seed
            config.arm = arm
            let files = GANRunFiles(folder: Self.folder(out, seed: seed, arm: arm))
            if files.isFinished {
                progress("seed \(seed) \(arm.rawValue): finished earlier, kept (\(files.result.path))")
                // A run killed between writing result.json and removing its checkpoint leaves it behind.
                try? FileManager.default.removeItem(at: files.checkpoint)
                results.append(try JSONDecoder().decode(GANResultFile.self, from: Data(contentsOf: files.result)))
                continue
            }
            let resumed = try files.start(config)
            if let resumed { progress("seed \(seed) \(arm.rawValue): resumed from step \(resumed.checkpoint.state.step)") }
            let trainer = try GANTrainer(config: config)
            let run: GANRunResult
            do {
                run = try trainer.run(
                    from: resumed?.checkpoint.state, earlierLog: resumed?.log ?? [], checkpointEvery: checkpointEvery, stopAfter: stopAfter,
                    onCheckpoint: { try files.save(GANCheckpoint(config: config, state: $0)) }
                ) { record in
                    try files.append(record)
                    progress(Self.line(record, seed: seed, modes: config.task.modeCount))
                }
            } catch let problem as GANCheckpointProblem {
                throw GANError.unreadableCheckpoint(file: files.checkpoint.path, reason: problem.description)
            }
            if run.fate != .completed { progress("seed \(seed) \(arm.rawValue): \(run.fate.rawValue) at step \(run.fateStep ?? 0): \(run.fateMessage ?? "")") }
            try files.finish(run, threads: ComputeThreads.current)
            results.append(GANResultFile(run, threads: ComputeThreads.current))
        }
        return results
    }

    /// "seed 1 plain step 1000: 6/8 modes, 97.2 % high quality, reverse KL 0.310 (a 0.01, b -0.03, |w| 0.05)".
    static func line(_ r: GANLogRecord, seed: UInt64, modes: Int) -> String {
        var s =
            "seed \(seed) \(r.arm.rawValue) step \(r.step): \(r.modesCaptured)/\(modes) modes, "
            + String(format: "%.1f %% high quality, reverse KL %@", r.highQualityPercent, r.reverseKL.map { String(format: "%.3f", $0) } ?? "-")
        if let n = r.neuron { s += String(format: " (a %.3g, b %.3g, |w| %.3g)", n.a, n.b, n.wNorm) }
        return s
    }
}
