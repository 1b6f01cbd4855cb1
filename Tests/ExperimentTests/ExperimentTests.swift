import Backend
import Experiment
import Foundation
import Neuron
import Report
import Results
import XCTest

final class ExperimentTests: XCTestCase {
    func testTwoRunThreeEpochEEGExperimentWritesReportWithFiguresAndTable() throws {
        let eeg = eegDirectory()
        guard FileManager.default.fileExists(atPath: eeg.appendingPathComponent("ML101_KS.csv").path) else {
            return XCTFail("EEG recordings not found at \(eeg.path); set ONE_NEURON_EEG_DATA")
        }
        let out = try temporaryFolder("eeg")
        var o = ExperimentOptions(source: .eeg(directory: eeg, layout: .notebook), out: out)
        o.runs = 2; o.training.epochs = 3; o.quiet = true; o.training.neuronInit = .zeroW; o.jobs = 1; o.compute.threads = 1
        let summary = try runExperiment(o, log: { _ in })
        XCTAssertEqual(summary.trainings, 4)
        let report = try XCTUnwrap(summary.report)
        for figure in ["fig_a_val_accuracy", "fig_b_val_accuracy_band", "fig_c_scale_loss_accuracy", "fig_d_best_val_accuracy"] {
            for ext in ["svg", "png"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(figure).\(ext)").path), "\(figure).\(ext)")
            }
        }
        let markdown = try String(contentsOf: report.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.contains("Mann-Whitney"), markdown)
        XCTAssertTrue(markdown.contains("Wilcoxon"), markdown)
        XCTAssertTrue(markdown.contains("zero-w"), "the report records the init choice")
        let runs = try String(contentsOf: out.appendingPathComponent("runs.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(runs.count, 4)
        let epochs = try String(contentsOf: out.appendingPathComponent("epochs.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(epochs.count, 12)
        XCTAssertTrue(epochs.last!.contains("\"identity_residual\""))
        // Results do not depend on jobs and threads: one training at a time on one thread, on two
        // threads, and two at a time sharing three threads (2 + 1, then 3 for the last training)
        // give the same bytes.
        for (jobs, threads) in [(1, 2), (2, 3)] {
            var parallel = o
            parallel.out = try temporaryFolder("eeg-jobs\(jobs)-threads\(threads)")
            parallel.jobs = jobs; parallel.compute.threads = threads
            let lines = LogLines()
            _ = try runExperiment(parallel, log: { lines.append($0) })
            XCTAssertEqual(try resultBytes(parallel.out), try resultBytes(out), "--jobs \(jobs) --threads \(threads) vs --jobs 1 --threads 1")
            XCTAssertFalse(lines.all.contains { $0.contains("depend on the thread count") }, "the seed CNN's bits must pass the thread probe")
        }
    }

    func testResumeAfterCrashEndsByteIdenticalToAnUninterruptedRun() throws {
        let dir = try temporaryFolder("resume")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        let straight = quickOptions(data: data, out: dir.appendingPathComponent("straight"))
        _ = try runExperiment(straight, log: { _ in })

        var crashing = quickOptions(data: data, out: dir.appendingPathComponent("resumed"))
        // 6 epochs of run0-plain, then epoch 3 of run0-augmented: after its epoch-2 checkpoint, so resuming must redo epoch 3.
        crashing.crashAfterEpochs = 9
        XCTAssertThrowsError(try runExperiment(crashing, log: { _ in })) { error in
            guard case ExperimentError.simulatedCrash = error else { return XCTFail("\(error)") }
        }
        let partial = try String(contentsOf: crashing.out.appendingPathComponent("trainings/run0-augmented/epochs.jsonl"), encoding: .utf8)
        XCTAssertEqual(partial.split(separator: "\n").count, 3, "the crash left epoch 3 written after the last checkpoint")
        crashing.crashAfterEpochs = nil
        _ = try runExperiment(crashing, log: { _ in })
        XCTAssertEqual(try resultBytes(crashing.out), try resultBytes(straight.out))
    }

    func testShardsMergeToTheSameResults() throws {
        let dir = try temporaryFolder("shards")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var whole = quickOptions(data: data, out: dir.appendingPathComponent("whole"))
        whole.training.epochs = 3
        _ = try runExperiment(whole, log: { _ in })
        var shards: [URL] = []
        for i in 1...2 {
            var o = whole
            o.out = dir.appendingPathComponent("shard\(i)")
            o.shard = (i, 2)
            let s = try runExperiment(o, log: { _ in })
            XCTAssertNil(s.report)
            XCTAssertEqual(s.trainings, 2)
            shards.append(o.out)
        }
        let merged = dir.appendingPathComponent("merged")
        _ = try mergeResults(shards, into: merged)
        XCTAssertEqual(try resultBytes(merged), try resultBytes(whole.out))
        XCTAssertTrue(FileManager.default.fileExists(atPath: merged.appendingPathComponent("report.html").path))
    }

    func testDivergedRunsAreRecordedNotDropped() throws {
        let dir = try temporaryFolder("diverge")
        let data = dir.appendingPathComponent("big.npz")
        try writeSyntheticData(to: data, features: 200, scale: 1000)
        var o = quickOptions(data: data, out: dir.appendingPathComponent("out"))
        o.training.epochs = 2
        let summary = try runExperiment(o, log: { _ in })
        XCTAssertGreaterThanOrEqual(summary.diverged, 1, "Keras-uniform init overflows exp on inputs up to 1000")
        let runs = try String(contentsOf: o.out.appendingPathComponent("runs.jsonl"), encoding: .utf8)
        XCTAssertEqual(runs.components(separatedBy: "\"status\": \"diverged\"").count - 1, summary.diverged)
        XCTAssertEqual(runs.split(separator: "\n").count, 4, "diverged runs stay in runs.jsonl")
        XCTAssertTrue(runs.contains("exponent w.x + b reached"))
        let markdown = try String(contentsOf: summary.report!.markdown, encoding: .utf8)
        XCTAssertTrue(markdown.lowercased().contains("diverged"), markdown)
    }

    func testReusingAFolderWithAnotherConfigurationIsRefused() throws {
        let dir = try temporaryFolder("config")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var o = quickOptions(data: data, out: dir.appendingPathComponent("out"))
        o.training.epochs = 1
        _ = try runExperiment(o, log: { _ in })
        o.training.lambda = 0.5
        XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { XCTAssertTrue("\($0)".contains("different configuration"), "\($0)") }
    }

    func testInitialWeightsAndNoShuffleAreRecordedAndHoldOnRerun() throws {
        let dir = try temporaryFolder("init-weights")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var o = quickOptions(data: data, out: dir.appendingPathComponent("plain"))
        o.runs = 1; o.training.epochs = 1
        _ = try runExperiment(o, log: { _ in })
        let plainConfig = try String(contentsOf: dir.appendingPathComponent("plain/config.json"), encoding: .utf8)
        XCTAssertFalse(plainConfig.contains("init_weights") || plainConfig.contains("shuffle"), "keys appear only when given: \(plainConfig)")
        // Initial weights: an augmented training's weights (base network and neuron; the plain arm passes over the neuron).
        func trainedWeights(seed: UInt64) throws -> URL {
            var t = TrainOptions(data: data, out: dir.appendingPathComponent("train\(seed)"))
            t.training.model = o.training.model; t.training.epochs = 1; t.training.seed = seed; t.quiet = true; t.augmented = true
            _ = try runTrainJob(t, log: { _ in })
            return dir.appendingPathComponent("train\(seed)/weights.weights.h5")
        }
        let weights = dir.appendingPathComponent("start.weights.h5")
        try FileManager.default.copyItem(at: try trainedWeights(seed: 1), to: weights)
        o.out = dir.appendingPathComponent("init"); o.training.initWeights = weights; o.training.shuffle = false
        _ = try runExperiment(o, log: { _ in })
        let config = try String(contentsOf: dir.appendingPathComponent("init/config.json"), encoding: .utf8)
        XCTAssertTrue(config.contains("\"init_weights\": \"start.weights.h5 sha1:"), config)
        XCTAssertTrue(config.contains("\"shuffle\": false"), config)
        _ = try runExperiment(o, log: { _ in })  // the same command again: nothing to do, no complaint
        o.training.shuffle = true
        XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { XCTAssertTrue("\($0)".contains("different configuration"), "\($0)") }
        // Another file under the same name is another configuration.
        o.training.shuffle = false
        try FileManager.default.removeItem(at: weights)
        try FileManager.default.copyItem(at: try trainedWeights(seed: 2), to: weights)
        XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { XCTAssertTrue("\($0)".contains("different configuration"), "\($0)") }
        // A file that does not fit the model fails before anything is written.
        o.out = dir.appendingPathComponent("misfit"); o.training.model = .mlp(hidden: [9])
        XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { XCTAssertTrue("\($0)".contains("shape"), "\($0)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("misfit/config.json").path))
    }

    /// A results-changing compute setting: recorded in the configuration when set, and in config.json after
    /// a run, unless this CPU refuses it (`refusal`).
    private func assertSettingIsRecordedOrRefused(
        _ name: String, key: String, value: String, refusal: String,
        set: (inout ExperimentOptions) -> Void
    ) throws -> ExperimentOptions {
        let dir = try temporaryFolder(name)
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var o = quickOptions(data: data, out: dir.appendingPathComponent("out"))
        o.runs = 1; o.training.epochs = 1
        set(&o)
        XCTAssertEqual(o.configuration.settings.first { $0.key == key }?.value, value)
        do {
            _ = try runExperiment(o, log: { _ in })
            let config = try String(contentsOf: o.out.appendingPathComponent("config.json"), encoding: .utf8)
            XCTAssertTrue(config.contains("\"\(key)\": \"\(value)\""), config)
        } catch {
            XCTAssertTrue("\(error)".contains(refusal), "\(error)")
        }
        return o
    }

    /// The default algorithm is Winograd where oneDNN has it (AVX-512, fp32), else direct; config.json records
    /// the one used, and a folder made with direct convolutions is resumed and grown as direct when auto is asked.
    func testAutoConvolutionAlgorithmIsResolvedRecordedAndKeptByItsFolder() throws {
        let dir = try temporaryFolder("auto-algorithm")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var o = quickOptions(data: data, out: dir.appendingPathComponent("out"))
        o.runs = 1; o.training.epochs = 1
        XCTAssertEqual(o.compute.convolutionAlgorithm, .auto)
        _ = try runExperiment(o, log: { _ in })
        let expected = CPUISA.hasWinograd(precision: .fp32) ? "winograd" : "direct"
        let configURL = o.out.appendingPathComponent("config.json")
        XCTAssertTrue(try String(contentsOf: configURL, encoding: .utf8).contains("\"conv_algorithm\": \"\(expected)\""))
        // A direct folder: auto keeps direct there, and the study grows.
        var direct = o
        direct.out = dir.appendingPathComponent("direct"); direct.compute.convolutionAlgorithm = .direct
        _ = try runExperiment(direct, log: { _ in })
        direct.compute.convolutionAlgorithm = .auto; direct.runs = 2
        let lines = LogLines()
        _ = try runExperiment(direct, log: { lines.append($0) })
        XCTAssertTrue(lines.all.contains { $0.contains("extending the study") }, "\(lines.all)")
        XCTAssertTrue(try String(contentsOf: direct.out.appendingPathComponent("config.json"), encoding: .utf8).contains("\"conv_algorithm\": \"direct\""))
    }

    /// A folder written before results files had a schema version (its config.json has none) is
    /// refused with a message naming the file and both versions, before anything is written.
    func testAFolderWithoutSchemaVersionIsRefusedWithTheVersions() throws {
        let dir = try temporaryFolder("old-folder")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var o = quickOptions(data: data, out: dir.appendingPathComponent("out"))
        o.runs = 1; o.training.epochs = 1
        _ = try runExperiment(o, log: { _ in })
        let configURL = o.out.appendingPathComponent("config.json")
        let old = try String(contentsOf: configURL, encoding: .utf8).replacingOccurrences(of: "  \"schema_version\": 2,\n", with: "")
        try old.write(to: configURL, atomically: true, encoding: .utf8)
        for auto in [false, true] {
            o.compute.convolutionAlgorithm = auto ? .auto : .direct
            XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { error in
                XCTAssertTrue(
                    "\(error)".contains(
                        "config.json: has no schema_version (it was written before OneNeuron versioned its results files); this build of OneNeuron reads schema version 2"
                    ), "\(error)")
            }
        }
        XCTAssertEqual(try String(contentsOf: configURL, encoding: .utf8), old)
    }

    func testBF16PrecisionIsRecordedInTheConfigurationOrRefusedWithoutNativeBF16() throws {
        _ = try assertSettingIsRecordedOrRefused(
            "bf16", key: "precision", value: "bf16",
            refusal: "bf16 precision needs a CPU with AVX512_BF16"
        ) { $0.compute.precision = .bf16 }
    }

    func testWinogradIsRecordedInTheConfigurationOrRefusedWithoutAVX512() throws {
        var o = try assertSettingIsRecordedOrRefused(
            "winograd", key: "conv_algorithm", value: "winograd",
            refusal: "Winograd convolutions need a CPU with AVX-512"
        ) { $0.compute.convolutionAlgorithm = .winograd }
        o.compute.precision = .bf16
        XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { error in
            let message = "\(error)"
            XCTAssertTrue(
                message.contains("Winograd convolutions are float32 only") || message.contains("bf16 precision needs a CPU with AVX512_BF16"), message)
        }
    }

    func testEarlyStoppingReplays() {
        let valLoss = [1.0, 0.8, 0.7, 0.75, 0.76, 0.77], acc = [0.5, 0.6, 0.7, 0.72, 0.71, 0.7]
        XCTAssertEqual(replayValidationLossRule(valLoss: valLoss, valAccuracy: acc, patience: 3), EarlyStoppingPoint(epoch: 6, valAccuracy: 0.7))
        // Never stopped: Keras 3 still restores the best-val_loss epoch (3) when training ends.
        XCTAssertEqual(replayValidationLossRule(valLoss: valLoss, valAccuracy: acc, patience: 10), EarlyStoppingPoint(epoch: nil, valAccuracy: 0.7))
        // A NaN val_loss (null in epochs.jsonl) never improves; a NaN first epoch is the best so far, and stays so.
        XCTAssertEqual(
            replayValidationLossRule(valLoss: [1.0, .nan, .nan, 0.5], valAccuracy: [0.5, 0.6, 0.7, 0.8], patience: 2),
            EarlyStoppingPoint(epoch: 3, valAccuracy: 0.5))
        XCTAssertEqual(
            replayValidationLossRule(valLoss: [.nan, 0.9, 0.8], valAccuracy: [0.5, 0.6, 0.7], patience: 2),
            EarlyStoppingPoint(epoch: 3, valAccuracy: 0.5))
        XCTAssertEqual(replayValidationLossRule(valLoss: [], valAccuracy: [], patience: 2), EarlyStoppingPoint.never)
        let a = [0.05, 0.01, 0.0005, 0.00049, 0.00048, 0.00048]
        XCTAssertEqual(replayScaleRule(a: a, valLoss: valLoss, valAccuracy: acc, patience: 3), EarlyStoppingPoint(epoch: 6, valAccuracy: 0.7))
    }
}

/// A study grows: `--runs 3` on a folder holding 2 runs trains run 2 only and keeps the others' bytes.
final class ExtendStudyTests: XCTestCase {
    func testMoreRunsTrainOnlyTheNewRunsAndKeepTheOldRecords() throws {
        let dir = try temporaryFolder("extend")
        let data = dir.appendingPathComponent("data.npz")
        try writeSyntheticData(to: data)
        var o = ExperimentOptions(source: .data(data), out: dir.appendingPathComponent("study"))
        o.runs = 2; o.training.epochs = 3; o.training.model = .mlp(hidden: [8]); o.training.optimizer = .adam(learningRate: 0.01); o.training.batchSize = 32
        o.quiet = true; o.jobs = 1; o.compute.threads = 1
        _ = try runExperiment(o, log: { _ in })
        func lines(_ name: String) throws -> [String] {
            try String(contentsOf: o.out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
        }
        let runsBefore = try lines("runs.jsonl"), epochsBefore = try lines("epochs.jsonl")
        let firstOutcome = try Data(contentsOf: o.out.appendingPathComponent("trainings/run0-plain/outcome.json"))

        var more = o
        more.runs = 3
        let log = LogLines()
        let summary = try runExperiment(more, log: { log.append($0) })
        XCTAssertEqual(summary.trainings, 6)
        XCTAssertTrue(log.all.contains { $0.contains("extending the study") && $0.contains("from 2 to 3 runs") }, "\(log.all)")
        let runsAfter = try lines("runs.jsonl"), epochsAfter = try lines("epochs.jsonl")
        XCTAssertEqual(runsAfter.count, 6)
        XCTAssertEqual(Array(runsAfter.prefix(4)), runsBefore, "the first two runs' records are unchanged")
        XCTAssertEqual(Array(epochsAfter.prefix(epochsBefore.count)), epochsBefore)
        XCTAssertEqual(epochsAfter.count, epochsBefore.count * 3 / 2)
        XCTAssertEqual(try Data(contentsOf: o.out.appendingPathComponent("trainings/run0-plain/outcome.json")), firstOutcome)
        // The extended study equals one run with 3 runs from the start.
        var straight = more
        straight.out = dir.appendingPathComponent("straight")
        _ = try runExperiment(straight, log: { _ in })
        XCTAssertEqual(try resultBytes(straight.out), try resultBytes(more.out))

        // Fewer runs, or another setting, is a clear error.
        XCTAssertThrowsError(try runExperiment(o, log: { _ in })) { XCTAssertTrue("\($0)".contains("already holds 3 runs"), "\($0)") }
        var other = more
        other.runs = 4; other.training.lambda = 0.5
        XCTAssertThrowsError(try runExperiment(other, log: { _ in })) { XCTAssertTrue("\($0)".contains("different configuration"), "\($0)") }
    }
}
