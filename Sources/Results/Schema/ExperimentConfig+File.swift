import Diagnostics
import Foundation

extension ExperimentConfig {
    /// The config.json of `url`; a missing file, another schema version or a malformed file is a
    /// `FileError` naming it.
    public static func read(_ url: URL) throws -> ExperimentConfig {
        try JSONFile.read(ExperimentConfig.self, from: url, fix: "Run the experiment into this folder first; it writes config.json before training")
    }
}
