import Foundation
import IO
import Plot

/// The files of one arm of one seed, in its folder: log.jsonl (a record every log interval, appended
/// as the run goes), checkpoint.npz (while the run is unfinished, `GANCheckpoint`), samples.npy (the
/// final generated points, float32 [n, 2]), samples.svg (their scatter plot) and result.json (written
/// last, then the checkpoint is removed).
public struct GANRunFiles: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public var log: URL { folder.appendingPathComponent("log.jsonl") }
    public var samples: URL { folder.appendingPathComponent("samples.npy") }
    public var scatter: URL { folder.appendingPathComponent("samples.svg") }
    public var result: URL { folder.appendingPathComponent("result.json") }
    public var checkpoint: URL { folder.appendingPathComponent("checkpoint.npz") }

    /// Whether the run finished (its result.json exists).
    public var isFinished: Bool { FileManager.default.fileExists(atPath: result.path) }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Creates the folder and prepares a run of `config`. With a checkpoint from an earlier attempt:
    /// checks it is of `config` (`GANError.checkpointMismatch` if not), cuts log.jsonl back to its step
    /// and returns it with the records kept. Without one: removes the earlier attempt's log, returns nil.
    public func start(_ config: GANConfig) throws -> (checkpoint: GANCheckpoint, log: [GANLogRecord])? {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GANError.cannotCreateFolder(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        // A checkpoint write killed before its rename leaves its temporary file.
        AtomicFile.removeLeftovers(of: checkpoint)
        guard manager.fileExists(atPath: checkpoint.path) else {
            if manager.fileExists(atPath: log.path) { try manager.removeItem(at: log) }
            return nil
        }
        let saved = try GANCheckpoint.read(from: checkpoint)
        try saved.check(against: config, file: checkpoint)
        return (saved, try cutLog(toStep: saved.state.step, logEvery: config.logEvery))
    }

    /// Keeps the records of log.jsonl up to `step` (rewritten atomically, same bytes) and returns them;
    /// they must be those of steps 0, logEvery, ... up to `step`.
    private func cutLog(toStep step: Int, logEvery: Int) throws -> [GANLogRecord] {
        let problem = "\(log.path) does not hold every record up to its step \(step)"
        guard FileManager.default.fileExists(atPath: log.path) else { throw GANError.unreadableCheckpoint(file: checkpoint.path, reason: problem) }
        var lines: [String] = [], records: [GANLogRecord] = []
        let decoder = JSONDecoder()
        for line in try AtomicFile.readCompleteLines(from: log) {
            guard let record = try? decoder.decode(GANLogRecord.self, from: Data(line.utf8)) else {
                throw GANError.unreadableCheckpoint(file: checkpoint.path, reason: "\(log.path) has a line that is not a log record")
            }
            if record.step > step { break }
            lines.append(line)
            records.append(record)
        }
        guard records.map(\.step) == Array(stride(from: 0, through: step, by: logEvery)) else {
            throw GANError.unreadableCheckpoint(file: checkpoint.path, reason: problem)
        }
        try AtomicFile.write(Data(lines.map { $0 + "\n" }.joined().utf8), to: log)
        return records
    }

    /// Saves the run's checkpoint (atomically).
    public func save(_ checkpoint: GANCheckpoint) throws { try checkpoint.write(to: self.checkpoint) }

    public func append(_ record: GANLogRecord) throws {
        try AtomicFile.append(line: String(decoding: try Self.encoder().encode(record), as: UTF8.self), to: log)
    }

    /// Writes the samples, their scatter plot and, last, result.json.
    public func finish(_ run: GANRunResult, threads: Int) throws {
        let result = run, n = run.samples.count / 2
        try NPY.write(NDArray(shape: [n, 2], float32: result.samples), to: samples)
        let f = result.final, c = result.config
        var title = "\(c.task.rawValue), \(c.arm.rawValue)"
        if c.arm == .augmented { title += " (neuron on the \(c.neuronInput == .data ? "data point" : "last hidden layer"))" }
        title +=
            ", seed \(c.seed), step \(f.step): \(f.modesCaptured)/\(c.task.modeCount) modes, "
            + String(format: "%.1f %% high quality", f.highQualityPercent)
        if result.fate != .completed { title += " [\(result.fate.rawValue)]" }
        let svg = SVGRenderer(idPrefix: "gan-\(c.arm.rawValue)").render(GANScatterFigure.make(points: result.samples, task: c.task, arm: c.arm, title: title))
        try AtomicFile.write(Data(svg.utf8), to: scatter)
        let encoder = Self.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        try AtomicFile.write(try encoder.encode(GANResultFile(run, threads: threads)), to: self.result)
        if FileManager.default.fileExists(atPath: checkpoint.path) { try FileManager.default.removeItem(at: checkpoint) }
    }
}
