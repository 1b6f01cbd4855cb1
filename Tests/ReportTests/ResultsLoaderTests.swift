import Diagnostics
import Foundation
import Report
import Results
import XCTest

final class ResultsLoaderTests: ResultsFolderTestCase {
    func testLoadsAllRecordsAndConfigInOrder() throws {
        try writeStandardResults()
        let results = try ExperimentResults.load(from: folder)
        XCTAssertEqual(results.config, Self.standardConfig)
        XCTAssertEqual(
            results.config.settings.map(\.key),
            [
                "data", "split", "runs", "epochs", "model", "loss", "optimizer", "batch_size", "lambda",
                "neuron_init", "standardize", "seed", "checkpoint_every", "early_stopping_patience", "conv_algorithm"
            ])
        XCTAssertEqual(results.config.settings.map(\.value)[6...8], ["adam:0.0002", "128", "0.1"])
        XCTAssertEqual(results.epochs.count, 3 * 4 + 3 + 2)
        XCTAssertEqual(results.runs.count, 6)
        XCTAssertEqual(results.runIndices, [1, 2, 3])
        let diverged = try XCTUnwrap(results.runRecord(run: 3, arm: .augmented))
        XCTAssertEqual(diverged.status, .diverged)
        XCTAssertEqual(diverged.divergedEpoch, 2)
        XCTAssertNil(diverged.finalA)
        XCTAssertEqual(diverged.scaleRule?.epoch, 2)
        let nullEpoch = try XCTUnwrap(results.epochs(run: 3, arm: .augmented).last)
        XCTAssertNil(nullEpoch.valAccuracy, "JSON null reads as nil")
        XCTAssertEqual(nullEpoch.diverging, true)
        XCTAssertEqual(results.epochs(run: 1, arm: .augmented).map(\.epoch), [1, 2, 3])
        XCTAssertEqual(results.epochs(run: 1, arm: .augmented)[1].a ?? 0, 0.01, accuracy: 1e-12)
        XCTAssertTrue(results.warnings.isEmpty, "\(results.warnings)")
    }

    func testTornLastLineIsIgnoredWithAWarning() throws {
        try writeStandardResults()
        let complete = try String(contentsOf: folder.appendingPathComponent("epochs.jsonl"), encoding: .utf8)
        try write("epochs.jsonl", complete + "{\"run\": 4, \"seed\": 14, \"arm\": \"pla")
        let results = try ExperimentResults.load(from: folder)
        XCTAssertEqual(results.epochs.count, 17)
        XCTAssertFalse(results.epochs.contains { $0.run == 4 })
        XCTAssertEqual(results.warnings.count, 1)
        XCTAssertTrue(results.warnings[0].contains("epochs.jsonl line 18"), results.warnings[0])
    }

    func testMalformedLineNamesFileLineAndColumn() throws {
        try writeStandardResults()
        var lines = try String(contentsOf: folder.appendingPathComponent("runs.jsonl"), encoding: .utf8).components(separatedBy: "\n")
        lines[3] = "{\"schema_version\": 2, \"run\": 2, \"seed\": 12,, \"arm\": \"augmented\"}"
        try write("runs.jsonl", lines.joined(separator: "\n"))
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            guard let error = error as? FileError else { return XCTFail("\(error)") }
            XCTAssertTrue(error.file.hasSuffix("runs.jsonl"))
            XCTAssertEqual(error.line, 4)
            XCTAssertEqual(error.column, 44)
            XCTAssertTrue(error.description.contains("runs.jsonl: line 4, column 44: malformed JSON"), error.description)
        }
    }

    func testWrongTypesAndValuesNameTheKey() throws {
        try writeStandardResults()
        try write(
            "epochs.jsonl",
            "{\"schema_version\": 2, \"run\": 1, \"seed\": 11, \"arm\": \"plain\", \"epoch\": \"one\", \"val_loss\": 1, \"val_accuracy\": 0.5}\n")
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("epochs.jsonl: line 1: key \"epoch\" Expected to decode Int but found a string"), "\(error)")
        }
        try write(
            "epochs.jsonl", "\n{\"schema_version\": 2, \"run\": 1, \"seed\": 11, \"arm\": \"both\", \"epoch\": 1, \"val_loss\": 1, \"val_accuracy\": 0.5}\n")
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("epochs.jsonl: line 2: key \"arm\" must be \"plain\" or \"augmented\""), "\(error)")
        }
        try write(
            "epochs.jsonl",
            "{\"schema_version\": 2, \"run\": 1, \"seed\": 11, \"arm\": \"plain\", \"epoch\": 1, \"loss\": 1, \"accuracy\": 0.5, \"val_accuracy\": 0.5}\n")
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("key \"val_loss\" is missing"), "\(error)")
        }
        try write("epochs.jsonl", "[1, 2]\n")
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("epochs.jsonl: line 1: Expected to decode Dictionary<String, Any> but found an array"), "\(error)")
        }
    }

    func testMalformedConfigAndMissingFiles() throws {
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("config.json: not found"), "\(error)")
        }
        try write("config.json", "{\n  \"schema_version\": 2,\n  \"runs\": tru\n}")
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("config.json: line 3, column 14: malformed JSON: Invalid value around character 38"), "\(error)")
        }
        try write("config.json", "{}")
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("config.json: has no schema_version"), "\(error)")
        }
        try write("config.json", Self.config)
        XCTAssertThrowsError(try ExperimentResults.load(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("epochs.jsonl: not found"), "\(error)")
        }
        try write("epochs.jsonl", "")
        let empty = try ExperimentResults.load(from: folder)
        XCTAssertTrue(empty.runs.isEmpty)
        XCTAssertTrue(empty.warnings.contains { $0.contains("runs.jsonl is missing") })
    }

    func testRepeatedRecordsKeepTheLast() throws {
        try writeStandardResults()
        let extra = Self.epochLine(run: 1, arm: "plain", epoch: 2, valAccuracy: 0.99)
        let url = folder.appendingPathComponent("epochs.jsonl")
        try write("epochs.jsonl", try String(contentsOf: url, encoding: .utf8) + extra)
        let results = try ExperimentResults.load(from: folder)
        XCTAssertEqual(results.epochs(run: 1, arm: .plain)[1].valAccuracy, 0.99)
        XCTAssertEqual(results.epochs.count, 17)
        XCTAssertTrue(results.warnings.contains { $0.contains("1 repeated (run, arm, epoch)") }, "\(results.warnings)")
    }
}
