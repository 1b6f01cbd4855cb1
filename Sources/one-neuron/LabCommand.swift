import ArgumentParser
import Foundation
import Lab
import Results

/// `one-neuron lab`: many tiny trainings on a task with known bad minima, with and without the neuron.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract:
            "Landscape lab: train many starts of a task with known bad minima, with and without the exponential neuron, and report success rates. Rerun the same command to resume.",
        discussion:
            "Tasks: relu-teacher:N,K (Safran & Shamir 2018, exact population loss), sign-teacher:N,K, yun-3point, xor[:H], circle-xor:K[,H] (K classes, one neuron per output in the neuron arm). Writes lab.jsonl, lab_timings.jsonl, lab_config.json, report.md, report.html and figures into --out."
    )

    @Option(help: "Task: \(LabTask.forms).", transform: inFlagTerms(LabTask.init(parsing:))) var task: LabTask?
    @Option(parsing: .unconditional, help: "Number of starts (each trained once per arm).") var starts: Int?
    @Option(help: "Arms, comma-separated: plain, neuron or plain,neuron.", transform: parseArms) var arms: [LabArm] = [.plain, .neuron]
    @Option(parsing: .unconditional, help: "The neuron's penalty lambda*a^2 (lambda*sum_k a_k^2 with one neuron per output).") var lambda = 0.1
    @Option(help: "Neuron's w at the start: random (randn(d)/sqrt(d)) or zero-w; b and a start at 0.", transform: parseNeuronInit) var neuronInit:
        LabNeuronInit = .random
    @Option(parsing: .unconditional, help: "Seed; start s draws from (seed, task, s) only.") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Gradient-descent step size (default: the task's, 0.1).") var step: Double?
    @Option(parsing: .unconditional, help: "Stop when every unit's gradient norm is at most this.") var tolerance = 1e-9
    @Option(parsing: .unconditional, help: "Gradient steps per attempt before a run stops as max-iterations.") var maxIterations = GradientDescentSettings()
        .maxIterations
    @Option(parsing: .unconditional, help: "Neuron starts whose (a, b) trajectory is kept for the report.") var trajectoryStarts = 4
    @Option(parsing: .unconditional, help: "Compute threads; default: every core (results do not depend on it).") var threads: Int?
    @Option(help: "Results folder (default: results/lab-TASK).") var out: String?
    @Flag(help: "Only (re)write the report of --out from its lab.jsonl; train nothing.") var reportOnly = false
    @Flag(help: "No progress lines.") var quiet = false

    func run() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if reportOnly {
            guard let out else { throw ValidationError("--report-only needs --out FOLDER (a lab folder)") }
            let report = try writeLabReport(folder: URL(fileURLWithPath: out))
            print("report: \(report.html.path)")
            return
        }
        guard let task else { throw ValidationError("give --task: \(LabTask.forms)") }
        guard let starts else { throw ValidationError("give --starts N (the number of starts per arm)") }
        let folder = URL(fileURLWithPath: out ?? "results/lab-\(task.name.replacingOccurrences(of: ":", with: "-").replacingOccurrences(of: ",", with: "-"))")
        var options = LabOptions(task: task, starts: starts, out: folder)
        options.arms = arms
        options.lambda = lambda
        options.seed = seed
        options.neuronInit = neuronInit
        if let step { options.descent.step = step }
        options.descent.tolerance = tolerance
        options.descent.maxIterations = maxIterations
        options.trajectoryStarts = trajectoryStarts
        options.threads = threads ?? 0
        if arms.contains(.neuron), !options.descent.restartOnIncrease, lambda * options.descent.step >= 1 {
            // The penalty's own gradient step maps a to (1 - 2 lambda step) a: at lambda step >= 1 it no
            // longer shrinks |a|, and without the restart-on-rise rule a run can 2-cycle in a forever.
            FileHandle.standardError.write(
                Data(
                    String(
                        format:
                            "warning: lambda * step = %g >= 1: the penalty's gradient step maps a to (1 - 2 lambda step) a, which does not shrink |a|, and %@ does not restart when the objective rises, so neuron runs can oscillate in a without end; give --step below %g\n",
                        lambda * options.descent.step, task.name, 1 / lambda
                    ).utf8))
        }
        var lastShown = Date()
        let summary = try runLab(options) { done, total in
            guard !quiet, Date().timeIntervalSince(lastShown) >= 10 || done == total else { return }
            lastShown = Date()
            print("\(done)/\(total) trainings")
        }
        print(
            String(
                format: "%@: %d trainings in %.1f s (%.1f trainings/s, %.1f starts/s with %d arm(s)); %d in lab.jsonl", task.name, summary.trained,
                summary.seconds, summary.trainingsPerSecond, summary.trainingsPerSecond / Double(arms.count), arms.count, summary.records.count))
        for arm in arms {
            let records = summary.records.filter { $0.arm == arm }
            let failures = records.filter { !$0.success }.count
            let diverging = records.filter(\.diverging).count
            let unconverged = records.filter { $0.stopped != .converged }.count
            print(
                String(
                    format: "  %@: %d starts, %d failures (%.1f%%), %d not converged, %d diverging", arm.rawValue, records.count, failures,
                    records.isEmpty ? 0 : 100 * Double(failures) / Double(records.count), unconverged, diverging))
        }
        let report = try writeLabReport(folder: folder)
        print("report: \(report.html.path)")
    }
}

/// `--arms plain,neuron` into arms; a bad name says which and what is accepted.
private func parseArms(_ text: String) throws -> [LabArm] {
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    let arms = try names.map { name -> LabArm in
        guard let arm = LabArm(rawValue: name) else { throw ValidationError("--arms: unknown arm \"\(name)\"; give plain, neuron or plain,neuron") }
        return arm
    }
    guard Set(arms).count == arms.count else { throw ValidationError("--arms: each arm once, got \"\(text)\"") }
    return arms
}

private func parseNeuronInit(_ text: String) throws -> LabNeuronInit {
    guard let value = LabNeuronInit(rawValue: text) else { throw ValidationError("--neuron-init: unknown value \"\(text)\"; give random or zero-w") }
    return value
}
