import Diagnostics
import EEG
import Foundation
import NN
import Tensor
import Training

/// Training and validation data of an experiment, after the split and optional standardisation.
public struct ExperimentData: Sendable {
    public let train: LabeledData
    public let validation: LabeledData
    public let inputShape: [Int]
    /// What was done to the data, for the report.
    public let notes: [String]
    /// For EEG data, what each training sample is ("ML106_US, window at 37.5 s"), to name a sample a training failed on.
    public let trainingSampleNames: [String]?
    /// The same for the validation samples.
    public let validationSampleNames: [String]?

    /// Loads and splits `data` (the random split drawn from `seed`), z-scored with the training part's
    /// statistics when `standardize`; labels in the form the loss reads. The one data loader of
    /// `runExperiment` and `runTrainJob`.
    public static func load(_ o: DataOptions, standardize: Bool, seed: UInt64, labels: LabelSet, log: (String) -> Void) throws -> ExperimentData {
        var notes: [String] = []
        var x: Tensor, y: Tensor
        var trainIdx: [Int], valIdx: [Int]
        var frameNames: [String]?
        switch o.source {
        case .eeg(let dir, let layout):
            let start = Date()
            let dataset = try EEGDataset.prepare(directory: dir, layout: layout)
            log(
                String(
                    format: "prepared %d EEG images from %@ in %.1f s (mean %.3f, %.1f%% zeros)", dataset.images.sampleCount, dir.path,
                    Date().timeIntervalSince(start), dataset.mean, 100 * dataset.zeroFraction))
            x = dataset.images
            if labels.outputsPerSample > 1 {
                let classes = o.target.classIndices(for: dataset)
                y = try Tensor(shape: [classes.count], scalars: classes.map(Float.init))
            } else {
                y = try Tensor(shape: [dataset.labels.count], scalars: dataset.labels)
            }
            let split: EEGSplit
            switch o.splitToUse {
            case .random: split = .random(fraction: o.validationFraction, seed: seed)
            case .subject(let k): split = .subject(heldOut: k)
            case .time: split = .time(fraction: o.validationFraction)
            }
            let seconds = dataset.windowStartSeconds
            frameNames = dataset.fileIndices.indices.map {
                String(format: "%@, window at %.1f s", dataset.sessions[dataset.fileIndices[$0]].fileName, seconds[$0])
            }
            try o.target.checkSplit(split)
            (trainIdx, valIdx) = try split.indices(for: dataset)
            if !o.excludedSessions.isEmpty {
                (trainIdx, valIdx) = try excluding(
                    o.excludedSessions, from: (trainIdx, valIdx), of: dataset, target: o.target, classes: y.scalars, notes: &notes)
            }
            notes.append(
                "EEG images, layout \(layout.rawValue), split \(o.splitToUse), target \(o.target.rawValue) (\(o.target.classCount) classes: \(o.target.classNames.joined(separator: ", ")))"
            )
        case .data(let url):
            let file = try DataFile(url: url, labels: labels.outputsPerSample > 1 ? labels : .plusMinusOne)
            notes += file.notes
            if let xv = file.xVal, let yv = file.yVal {
                guard o.splitToUse == .random, o.validationFraction == 0.2 else {
                    throw SettingError.settingsConflict(
                        [.split, .validationFraction],
                        problem: "\(url.path) has x_val/y_val, its own validation data; \(.split) and \(.validationFraction) apply to data without them",
                        fix: "leave \(.split) and \(.validationFraction) at their defaults with this file")
                }
                let n = file.x.sampleCount
                x = try Tensor(shape: [n + xv.sampleCount] + Array(file.x.shape.dropFirst()), scalars: file.x.scalars + xv.scalars)
                y = try Tensor(shape: [n + yv.sampleCount], scalars: file.y.scalars + yv.scalars)
                trainIdx = Array(0..<n); valIdx = Array(n..<(n + xv.sampleCount))
                notes.append("validation data: x_val/y_val of \(url.lastPathComponent)")
            } else {
                guard o.splitToUse == .random else {
                    throw SettingError.settingsConflict(
                        [.split, .data], problem: "\(.split) \(o.splitToUse) needs EEG data (\(.eegFolder))",
                        fix: "leave \(.split) at random: an .npz without x_val is split at random")
                }
                x = file.x; y = file.y
                (trainIdx, valIdx) = try randomSplit(count: x.sampleCount, validationFraction: o.validationFraction, seed: seed)
                notes.append("validation data: a seeded random \(percent(o.validationFraction)) of \(url.lastPathComponent)")
            }
        }
        if labels == .zeroOne { y = try Tensor(shape: y.shape, scalars: y.scalars.map { ($0 + 1) / 2 }) }
        var xTrain = x.gatherSamples(trainIdx), xVal = x.gatherSamples(valIdx)
        if standardize {
            let s = Standardizer(fitting: xTrain)
            xTrain = s.apply(xTrain); xVal = s.apply(xVal)
            notes.append(String(format: "inputs standardised with the training set's mean %.4g and std %.4g", s.mean, s.std))
        } else {
            notes.append(String(format: "inputs unscaled (max %.4g), as in the seed", x.scalars.max() ?? 0))
        }
        let shape = Array(x.shape.dropFirst())
        return ExperimentData(
            train: try LabeledData(x: xTrain, y: y.gatherSamples(trainIdx), inputShape: shape, labels: labels, name: "training data"),
            validation: try LabeledData(x: xVal, y: y.gatherSamples(valIdx), inputShape: shape, labels: labels, name: "validation data"),
            inputShape: shape, notes: notes, trainingSampleNames: frameNames.map { names in trainIdx.map { names[$0] } },
            validationSampleNames: frameNames.map { names in valIdx.map { names[$0] } })
    }
}

/// "20%", "12.5%".
private func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
}
