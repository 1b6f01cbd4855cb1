import Foundation
import Results
import XCTest

/// Each results record written and read back, and the exact bytes of each file's layout.
final class SchemaRoundTripTests: XCTestCase {
    private func roundTrip<T: SchemaVersioned & Equatable>(_ value: T, layout: JSONLayout = .line, file: StaticString = #filePath, line: UInt = #line) throws
        -> String
    {
        let text = try JSON.encode(value, layout: layout)
        XCTAssertEqual(try JSON.decode(T.self, line: text), value, text, file: file, line: line)
        return text
    }

    func testAugmentedEpochRecordBytesAndRoundTrip() throws {
        var record = EpochRecord(run: 0, seed: 1, arm: .augmented, epoch: 3)
        record.loss = 0.5500685871056241
        record.accuracy = 1
        record.valLoss = 1e-05
        record.a = -0.0067
        record.identityResidual = 2e-9
        record.diverging = true
        let text = try roundTrip(record)
        XCTAssertEqual(
            text,
            "{\"schema_version\": 2, \"run\": 0, \"seed\": 1, \"arm\": \"augmented\", \"epoch\": 3, \"loss\": 0.5500685871056241, \"accuracy\": 1, "
                + "\"val_loss\": 1e-05, \"val_accuracy\": null, \"a\": -0.0067, \"b\": null, \"w_norm\": null, \"neuron_max\": null, "
                + "\"f0_loss\": null, \"f0_accuracy\": null, \"identity_residual\": 2e-09, \"diverging\": true}")
    }

    func testPlainEpochRecordHasNoNeuronKeys() throws {
        var record = EpochRecord(run: 2, seed: 3, arm: .plain, epoch: 1)
        record.valLoss = 0.25
        record.valAccuracy = 0.75
        XCTAssertEqual(
            try roundTrip(record),
            "{\"schema_version\": 2, \"run\": 2, \"seed\": 3, \"arm\": \"plain\", \"epoch\": 1, \"loss\": null, \"accuracy\": null, \"val_loss\": 0.25, \"val_accuracy\": 0.75}"
        )
        XCTAssertEqual(record.csvRow, ["2", "3", "plain", "1", "", "", "0.25", "0.75", "", "", "", "", "", "", "", "", ""])
        XCTAssertEqual(EpochRecord.csvHeader.count, record.csvRow.count)
    }

    func testStuckEpochWithDeadUnitsBytesCSVAndRoundTrip() throws {
        var record = EpochRecord(run: 1, seed: 7, arm: .plain, epoch: 2)
        record.valLoss = 1
        record.valAccuracy = 0.5
        record.stuckBelow = "dense"
        record.stuckPart = "model"
        record.deadUnits = [DeadUnitCount(layer: "conv2d", dead: 0, units: 32), DeadUnitCount(layer: "dense", dead: 10, units: 10)]
        XCTAssertEqual(
            try roundTrip(record),
            "{\"schema_version\": 2, \"run\": 1, \"seed\": 7, \"arm\": \"plain\", \"epoch\": 2, \"loss\": null, \"accuracy\": null, "
                + "\"val_loss\": 1, \"val_accuracy\": 0.5, \"stuck_below\": \"dense\", \"stuck_part\": \"model\", "
                + "\"dead_units\": [{\"layer\": \"conv2d\", \"dead\": 0, \"units\": 32}, {\"layer\": \"dense\", \"dead\": 10, \"units\": 10}]}")
        XCTAssertEqual(record.csvRow.last, "conv2d=0/32 dense=10/10")
        XCTAssertEqual(record.deadUnits?.map(\.fraction), [0, 1])
    }

    func testDeadUnitsOutsideZeroToUnitsAreRejectedWithTheReason() {
        let line =
            "{\"schema_version\": 2, \"run\": 0, \"seed\": 1, \"arm\": \"plain\", \"epoch\": 1, \"loss\": 1, \"accuracy\": 0.5, \"val_loss\": 1, \"val_accuracy\": 0.5, \"dead_units\": [{\"layer\": \"dense\", \"dead\": 11, \"units\": 10}]}"
        XCTAssertThrowsError(try JSON.decode(EpochRecord.self, line: line)) { error in
            XCTAssertTrue("\(error)".contains("dead units must be between 0 and units (10), found 11"), "\(error)")
        }
    }

    func testNonFiniteNumbersAreWrittenAsNullAndReadAsNil() throws {
        var record = EpochRecord(run: 0, seed: 1, arm: .plain, epoch: 1)
        record.loss = .nan
        record.valLoss = .infinity
        let text = try JSON.encode(record)
        XCTAssertTrue(text.contains("\"loss\": null") && text.contains("\"val_loss\": null"), text)
        let back = try JSON.decode(EpochRecord.self, line: text)
        XCTAssertNil(back.loss)
        XCTAssertNil(back.valLoss)
    }

    func testRunRecordBytesAndRoundTrip() throws {
        var record = RunRecord(
            run: 1, seed: 2, arm: .augmented,
            outcome: TrainingOutcome(status: .diverged, divergedEpoch: 2, cause: "exp overflow: w.x+b = 91.2 > 88.7", epochs: 1))
        record.bestValAccuracy = 0.5
        record.bestEpoch = 1
        record.divergingFlag = true
        record.scaleRule = EarlyStoppingPoint(epoch: 2, valAccuracy: 0.7)
        record.valLossRule = .never
        XCTAssertEqual(
            try roundTrip(record),
            "{\"schema_version\": 2, \"run\": 1, \"seed\": 2, \"arm\": \"augmented\", \"status\": \"diverged\", \"diverged_epoch\": 2, \"cause\": \"exp overflow: w.x+b = 91.2 > 88.7\", "
                + "\"epochs\": 1, \"best_val_accuracy\": 0.5, \"best_epoch\": 1, \"final_a\": null, \"identity_residual_max\": null, \"diverging_flag\": true, "
                + "\"early_stopping\": {\"scale_rule\": {\"epoch\": 2, \"val_accuracy\": 0.7}, \"val_loss_rule\": {\"epoch\": null, \"val_accuracy\": null}}}")
    }

    func testRunRecordNeedsEveryKeyItsWriterWrites() throws {
        let line =
            "{\"schema_version\": 2, \"run\": 1, \"seed\": 2, \"arm\": \"plain\", \"status\": \"completed\", \"epochs\": 3, "
            + "\"best_val_accuracy\": null, \"best_epoch\": null, \"final_a\": null, \"identity_residual_max\": null, \"diverging_flag\": false, "
            + "\"early_stopping\": {\"scale_rule\": null, \"val_loss_rule\": null}}"
        let record = try JSON.decode(RunRecord.self, line: line)
        XCTAssertNil(record.scaleRule)
        XCTAssertNil(record.bestEpoch)
        XCTAssertThrowsError(try JSON.decode(RunRecord.self, line: line.replacingOccurrences(of: ", \"diverging_flag\": false", with: "")))
        XCTAssertThrowsError(try JSON.decode(RunRecord.self, line: line.replacingOccurrences(of: "\"scale_rule\": null, ", with: "")))
    }

    func testTrainingOutcomeBytes() throws {
        let diverged = TrainingOutcome(status: .diverged, divergedEpoch: 2, cause: "a/b \"q\"", epochs: 1)
        XCTAssertEqual(
            try roundTrip(diverged), "{\"schema_version\": 2, \"status\": \"diverged\", \"epochs\": 1, \"divergedEpoch\": 2, \"cause\": \"a/b \\\"q\\\"\"}")
        XCTAssertEqual(try roundTrip(TrainingOutcome(status: .completed, epochs: 400)), "{\"schema_version\": 2, \"status\": \"completed\", \"epochs\": 400}")
    }

    func testTimingAndConfigLayouts() throws {
        XCTAssertEqual(
            try roundTrip(EpochTiming(run: 0, arm: .plain, epoch: 2, seconds: 1.5)),
            "{\"schema_version\": 2, \"run\": 0, \"arm\": \"plain\", \"epoch\": 2, \"seconds\": 1.5}")
        var config = ExperimentConfig(
            data: "eeg:eeg", split: "random", runs: 20, epochs: 400, model: "cnn", loss: "phinge:3", optimizer: "sgd",
            batchSize: 32, lambda: 0.1, neuronInit: "random", standardize: true, seed: 18446744073709551557,
            checkpointEvery: 5, earlyStoppingPatience: 20, convAlgorithm: "direct")
        config.layout = "sessions"
        config.shuffle = false
        let text = try config.text()
        XCTAssertEqual(
            text,
            """
            {
              "schema_version": 2,
              "data": "eeg:eeg",
              "layout": "sessions",
              "split": "random",
              "runs": 20,
              "epochs": 400,
              "model": "cnn",
              "loss": "phinge:3",
              "optimizer": "sgd",
              "batch_size": 32,
              "lambda": 0.1,
              "neuron_init": "random",
              "standardize": true,
              "seed": 18446744073709551557,
              "checkpoint_every": 5,
              "early_stopping_patience": 20,
              "conv_algorithm": "direct",
              "shuffle": false
            }

            """)
        XCTAssertEqual(try JSON.decode(ExperimentConfig.self, from: Data(text.utf8)), config)
        XCTAssertEqual(config.settings.first?.key, "data")
        XCTAssertEqual(config.settings.first { $0.key == "standardize" }?.value, "true")
    }

    func testNumbersAndIntegersComeBackExactly() throws {
        let floats: [Float] = [0.1, 1, -3e-8, .greatestFiniteMagnitude, -0.0]
        let doubles = [0.1, 1e15, 123456789012345, -0.0, .leastNonzeroMagnitude]
        var record = LabRecord(
            arm: .neuron, start: 0, finalLoss: doubles[4], objective: -0.0, success: true, stopped: .converged, iterations: 3,
            step: 1e15, restarts: 0, gradientNorm: 0.1)
        record.trajectoryIterations = [0]
        record.trajectoryA = floats.map(Double.init)
        record.trajectoryB = doubles
        let text = try roundTrip(record)
        XCTAssertTrue(text.contains("\"objective\": -0.0") && text.contains("\"step\": 1000000000000000.0"), text)
        XCTAssertEqual(try roundTrip(EpochRecord(run: 0, seed: .max, arm: .plain, epoch: 1)).contains("18446744073709551615"), true)
    }
}
