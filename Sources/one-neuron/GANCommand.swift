import ArgumentParser
import Backend
import Foundation
import GAN
import Neuron

extension MixtureTask: ExpressibleByArgument {}
extension NeuronInput: ExpressibleByArgument {}

/// Which arms `gan` runs.
enum GANArmChoice: String, ExpressibleByArgument, CaseIterable {
    case plain, augmented, both

    var arms: [GANArm] {
        switch self {
        case .plain: return [.plain]
        case .augmented: return [.augmented]
        case .both: return [.plain, .augmented]
        }
    }
}

/// `one-neuron gan`: PacGAN's 2D mode-collapse benchmark with and without the neuron in the discriminator.
struct GANCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gan",
        abstract:
            "Train PacGAN's 2D GAN (ring8 or grid25) with and without an exponential neuron in the discriminator; log modes captured, % high quality and reverse KL.",
        discussion:
            "Writes <out>/seed-<seed>/<arm>/: log.jsonl (metrics of 2,500 generated points and the neuron's a, b, |w| every --log-every steps), samples.npy, samples.svg, result.json. A finished arm (result.json present) is kept on a rerun; an unfinished one resumes from its checkpoint.npz. See docs/theory/gan.md."
    )

    @Option(
        help: "The task: ring8 (8 Gaussians on the unit circle, std 0.01) or grid25 (25 Gaussians on {-4,-2,0,2,4}^2, std 0.05); not needed with --report-only."
    )
    var task: MixtureTask?
    @Option(parsing: .unconditional, help: "Training steps (batches of 100; D then G updated from each).") var steps = 20_000
    @Option(parsing: .unconditional, help: "The seed: the training set, z, and G's and D's initial weights; both arms of a seed share them.")
    var seed: UInt64 = 1
    @Option(help: "plain, augmented (D plus a*exp(w.u + b)), or both.") var arm: GANArmChoice = .both
    @Option(help: "The neuron's input u: data (the data point, the theorems' setting) or hidden (D's last hidden layer).")
    var neuronInput: NeuronInput = .data
    @Option(parsing: .unconditional, help: "The L2 penalty lambda*a^2 on the neuron's scale.") var lambda = 0.1
    @Option(help: "How the neuron's w starts: uniform, zero-w or scaled.") var neuronInit: NeuronInit = .uniform
    @Option(parsing: .unconditional, help: "Log the metrics and the neuron's values every this many steps.") var logEvery = 1000
    @Option(
        parsing: .unconditional,
        help:
            "Save each arm's checkpoint.npz every this many steps (0: never); a rerun of the same command resumes an unfinished arm from it, with the same bits."
    ) var checkpointEvery = 10_000
    @Option(parsing: .unconditional, help: "Paired seeds: --seed, --seed + 1, ..., both arms each; then the report.") var runs = 1
    @Option(
        parsing: .unconditional,
        help:
            "Seeds trained at a time, each with an equal share of the threads; default: one per thread, at most --runs (the networks are small: a job per core trains more steps per second than two threads on one job)."
    ) var jobs: Int?
    @Option(
        help:
            "Run only shard i of n (e.g. 3/10) of the seeds, for batch schedulers; shards may write into one folder, or their seed-* folders be copied into one, then --report-only."
    ) var shard = "1/1"
    @Flag(help: "Only write the report of the runs finished in --out.") var reportOnly = false
    @Option(parsing: .unconditional, help: "Compute threads (results do not depend on it); default: every core.") var threads: Int?
    @Option(help: "Output folder.") var out: String

    func validate() throws {
        if task == nil && !reportOnly { throw ValidationError("Missing expected argument '--task <task>' (ring8 or grid25)") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        if reportOnly {
            print("report: \(try writeGANStudyReport(folder: folder).path)")
            return
        }
        let task = self.task!  // validate() requires it unless --report-only
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--shard must look like i/n, e.g. 2/5") }
        var config = GANConfig(task: task, arm: .plain, seed: seed, steps: steps)
        config.neuronInput = neuronInput; config.lambda = lambda; config.neuronInit = neuronInit; config.logEvery = logEvery
        let total = threads ?? ComputeThreads.available
        var study = GANStudy(base: config, arms: arm.arms, runs: runs, jobs: jobs ?? max(1, min(runs, total)), threads: total, out: folder)
        study.shard = (parts[0], parts[1])
        study.checkpointEvery = checkpointEvery
        // Flushed per line: a study runs for hours and its log is read with `tail -f` while stdout is a file (block-buffered).
        try study.run {
            print($0)
            fflush(nil)  // every output stream; `stdout` itself is a global C variable Swift 6 will not touch
        }
        let results = try GANStudyResults(folder: folder)
        for s in study.seeds {
            for a in arm.arms {
                guard let r = results.runs[s]?[a]?.result else { continue }
                let f = r.final
                print(
                    "seed \(s) \(a.rawValue): \(r.fate.rawValue), \(f.modesCaptured)/\(task.modeCount) modes, "
                        + String(
                            format: "%.1f %% high quality, reverse KL %@, %.2f ms/step at %d thread%@", f.highQualityPercent,
                            f.reverseKL.map { String(format: "%.3f", $0) } ?? "-", 1000 * (r.secondsPerStep ?? 0), r.threads, r.threads == 1 ? "" : "s"))
            }
        }
        if study.shard.count == 1 {
            print("report: \(try writeGANStudyReport(folder: folder).path)")
        } else {
            print(
                "shard done; when every shard is, `one-neuron gan --report-only --out DIR` on the folder holding all seed-* folders writes the report"
            )
        }
    }
}
