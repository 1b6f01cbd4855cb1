import Foundation
import IO
import Plot

/// The files of one arm of one seed, in its folder: log.jsonl (a record every log interval, appended
/// as the run goes), samples.npy (the final generated points, float32 [n, 2]), samples.svg (their
/// scatter plot) and result.json (written last).
public struct GANRunFiles: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public var log: URL { folder.appendingPathComponent("log.jsonl") }
    public var samples: URL { folder.appendingPathComponent("samples.npy") }
    public var scatter: URL { folder.appendingPathComponent("samples.svg") }
    public var result: URL { folder.appendingPathComponent("result.json") }

    /// Whether the run finished (its result.json exists).
    public var isFinished: Bool { FileManager.default.fileExists(atPath: result.path) }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Creates the folder and removes the log of an unfinished earlier attempt.
    public func start() throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GANError.cannotCreateFolder(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        if FileManager.default.fileExists(atPath: log.path) { try FileManager.default.removeItem(at: log) }
    }

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
    }
}
