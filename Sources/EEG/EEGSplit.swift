import Diagnostics
import Tensor

/// How to divide the frames into training and validation sets.
///
/// - `random`: what the notebook did (`train_test_split(test_size=0.2, shuffle=True)`), seeded.
///   Optimistic: frames overlap by 50% and class equals session, so validation frames share
///   samples, and the session's fingerprint, with training frames.
/// - `subject`: leave one subject out; fold k validates on both sessions of subject k.
/// - `time`: within every session the last `fraction` of windows validate, after a gap of the
///   windows that share a sample with the first validation window (2 windows = 1 s for the
///   notebook's 129-sample windows with a 64-sample hop).
public enum EEGSplit: Sendable, Equatable, Hashable {
    case random(fraction: Double = 0.2, seed: UInt64)
    case subject(heldOut: Int)
    case time(fraction: Double = 0.2)

    /// Frame indices (ascending) of the two sets for `dataset`.
    public func indices(for dataset: EEGDataset) throws -> (train: [Int], validation: [Int]) {
        try indices(
            fileIndices: dataset.fileIndices, subjects: dataset.subjects,
            windowStarts: dataset.windowStarts, windowLengths: dataset.windowLengths)
    }

    /// Frame indices (ascending) of the two sets, from per-frame metadata: session file index,
    /// subject, and the window's first sample and sample count.
    public func indices(fileIndices: [Int], subjects: [Int], windowStarts: [Int], windowLengths: [Int]) throws -> (train: [Int], validation: [Int]) {
        let n = fileIndices.count
        guard subjects.count == n, windowStarts.count == n, windowLengths.count == n else {
            throw EEGError.splitMetadataMismatch(fileIndices: n, subjects: subjects.count, starts: windowStarts.count, lengths: windowLengths.count)
        }
        switch self {
        case .random(let fraction, let seed):
            try EEGSplit.check(fraction)
            // Like sklearn: ceil(fraction * n) validation frames from a seeded permutation.
            let validationCount = Int((fraction * Double(n)).rounded(.up))
            var generator = SeededGenerator(seed: seed)
            let order = generator.permutation(n)
            return (Array(order[validationCount...]).sorted(), Array(order[..<validationCount]).sorted())

        case .subject(let heldOut):
            let validation = (0..<n).filter { subjects[$0] == heldOut }
            guard !validation.isEmpty else {
                let present = Set(subjects).sorted().map(String.init).joined(separator: ", ")
                throw EEGError.noFramesOfSubject(heldOut, present: present)
            }
            return ((0..<n).filter { subjects[$0] != heldOut }, validation)

        case .time(let fraction):
            try EEGSplit.check(fraction)
            var train: [Int] = [], validation: [Int] = []
            var framesOfFile: [Int: [Int]] = [:]
            for i in 0..<n { framesOfFile[fileIndices[i], default: []].append(i) }
            for file in framesOfFile.keys.sorted() {
                let frames = framesOfFile[file]!.sorted { windowStarts[$0] < windowStarts[$1] }
                let count = Int((fraction * Double(frames.count)).rounded())
                guard count > 0, count < frames.count else {
                    throw EEGError.sessionTooShortForTimeSplit(file: file, frames: frames.count, fraction: fraction)
                }
                let held = frames.suffix(count)
                let firstValidationSample = held.map { windowStarts[$0] }.min()!
                validation += held
                // Gap: drop training windows that reach into the first validation window.
                train += frames.dropLast(count).filter { windowStarts[$0] + windowLengths[$0] <= firstValidationSample }
            }
            return (train.sorted(), validation.sorted())
        }
    }

    private static func check(_ fraction: Double) throws {
        guard fraction > 0, fraction < 1 else {
            throw SettingError.valueOutOfRange(.validationFraction, value: "\(fraction)", allowed: "strictly between 0 and 1")
        }
    }
}
