import Diagnostics
import Foundation
import IO

/// The Keras 3 `.keras` archive (`model.save`): a ZIP with `metadata.json`, `config.json` (the
/// model's architecture) and `model.weights.h5` (its weights, as in a `.weights.h5` file).
public enum KerasArchive {
    public static let weightsEntry = "model.weights.h5"
    public static let configEntry = "config.json"
    public static let metadataEntry = "metadata.json"

    /// The weight-carrying layers of a `.keras` archive's `model.weights.h5`.
    public static func weights(fromArchive data: Data, source: String) throws -> [KerasLayerWeights] {
        let entries: [ZipArchive.Entry]
        do { entries = try ZipArchive.decode(data, source: source) } catch let error as FileError {
            throw FileError(
                .badArchive, file: source, at: error.location, problem: "not a readable .keras archive: \(error.problem)",
                fix: "save the model again with model.save('name.keras'); copy the whole file")
        }
        guard let weights = entries.first(where: { $0.name == weightsEntry }) else {
            throw FileError(
                .badArchive, file: source, at: .wholeFile, problem: "no '\(weightsEntry)' entry (entries: \(entries.map(\.name).joined(separator: ", ")))",
                fix: "save the model with Keras 3's model.save('name.keras')")
        }
        return try KerasWeightsFile.decode(weights.data, source: "\(source) (entry '\(weightsEntry)')")
    }

    /// The archive's bytes: `config` is the model's Keras config JSON (what `keras.saving.load_model` rebuilds).
    public static func encode(_ layers: [KerasLayerWeights], config: String, kerasVersion: String = "3.15.1", source: String = "archive") throws -> Data {
        let metadata = "{\"keras_version\": \"\(kerasVersion)\", \"date_saved\": \"1980-01-01@00:00:00\"}"
        let entries = [
            ZipArchive.Entry(name: metadataEntry, data: Data(metadata.utf8)),
            ZipArchive.Entry(name: configEntry, data: Data(config.utf8)),
            ZipArchive.Entry(name: weightsEntry, data: try KerasWeightsFile.encode(layers, source: source))
        ]
        return try ZipArchive.encode(entries, compressed: false, source: source)
    }

    /// Writes a `.keras` archive atomically.
    public static func write(_ layers: [KerasLayerWeights], config: String, to url: URL) throws {
        try AtomicFile.write(try encode(layers, config: config, source: url.path), to: url)
    }
}
