import Diagnostics
/// The schema version of the files of an experiment's results folder (config.json, epochs.jsonl,
/// runs.jsonl, timings.jsonl, and each training's outcome.json and checkpoint.json). Every file,
/// and every line of a JSON Lines file, starts with `"schema_version": version`; a file of another
/// version, or of none (written before versions), is refused with a `FileError` that names it.
/// Raise it whenever a change of schema would make an older folder read wrongly.
public enum ResultsSchema {
    public static let version = 2
}

/// The schema version of a lab folder's files (lab_config.json, lab.jsonl, lab_timings.jsonl), as
/// `ResultsSchema.version` is for an experiment's.
public enum LabSchema {
    public static let version = 2
}

/// A value written as one results file or one JSON Lines record: `JSON.encode` writes
/// `"schema_version": schemaVersion` as its first key, and `JSON.decode` refuses another version.
public protocol SchemaVersioned: Codable {
    /// The version of this record's file family (`ResultsSchema.version` or `LabSchema.version`).
    static var schemaVersion: Int { get }
}

/// The key every versioned file and record starts with.
public let schemaVersionKey = "schema_version"

/// A file or record of another schema version than this build reads (nil: none, written before versions).
public struct SchemaVersionMismatch: Error, Sendable, Equatable {
    public let found: Int?
    public let expected: Int

    /// "schema version 1; this build of OneNeuron reads version 2".
    public var message: String {
        let found = found.map { "schema version \($0)" } ?? "no \(schemaVersionKey) (it was written before OneNeuron versioned its results files)"
        return "has \(found); this build of OneNeuron reads schema version \(expected)"
    }

    /// What a reader can do with an older or newer folder.
    public static let fix =
        "Rerun into a new results folder, or read this folder with the OneNeuron commit that wrote it "
        + "(each study under docs/results/ names the commit it was made with)"
}

/// The version key alone, read before the record itself.
struct SchemaVersionHeader: Decodable {
    let version: Int?

    enum CodingKeys: String, CodingKey { case version = "schema_version" }
}
