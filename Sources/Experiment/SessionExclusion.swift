import Diagnostics
import EEG

extension EEGSession {
    /// The session's name without the file extension, e.g. "ML106_US".
    public var name: String { String(fileName.dropLast(".csv".count)) }

    /// Parses "ML106_US" or "ML106_US.csv"; throws a message listing the valid names.
    public init(name: String) throws {
        do { try self.init(fileName: name.hasSuffix(".csv") ? name : name + ".csv") } catch {
            throw SettingError.valueOutOfRange(
                .excludedSessions, value: "'\(name)'", allowed: "sessions among \(EEGSession.all.map(\.name).joined(separator: ", "))")
        }
    }
}

/// The training and validation frames without those of `sessions`. Refuses an exclusion that
/// leaves a class of a multi-class target with validation frames but no training frames (it would
/// be tested but never learned); a class left with no frames at all is noted (its output is then
/// never trained or tested).
func excluding(
    _ sessions: [EEGSession], from split: (train: [Int], validation: [Int]), of dataset: EEGDataset,
    target: EEGTarget, classes: [Float], notes: inout [String]
) throws -> (train: [Int], validation: [Int]) {
    let excluded = Set(sessions)
    let keep = { (i: Int) in !excluded.contains(dataset.sessions[dataset.fileIndices[i]]) }
    let train = split.train.filter(keep), validation = split.validation.filter(keep)
    if target != .task {
        let trained = Set(train.map { Int(classes[$0]) }), tested = Set(validation.map { Int(classes[$0]) })
        let untrained = tested.subtracting(trained).sorted()
        guard untrained.isEmpty else {
            throw SettingError.settingsConflict(
                [.excludedSessions, .target],
                problem:
                    "\(.excludedSessions) \(sessions.map(\.name).joined(separator: ",")) leaves \(untrained.map { target.classNames[$0] }.joined(separator: ", ")) with validation frames but no training frames for the \(target.rawValue) \(.target)",
                fix: "exclude fewer sessions or choose another \(.target)")
        }
        let empty = (0..<target.classCount).filter { !trained.contains($0) }
        if !empty.isEmpty {
            notes.append(
                "classes without frames after the exclusion: \(empty.map { target.classNames[$0] }.joined(separator: ", ")) (their outputs are never trained or tested; \(target.classCount - empty.count) of \(target.classCount) classes take part)"
            )
        }
    }
    let dropped = split.train.count + split.validation.count - train.count - validation.count
    notes.append(
        "excluded sessions \(sessions.map(\.name).joined(separator: ", ")): \(dropped) frames left out (\(split.train.count - train.count) training, \(split.validation.count - validation.count) validation)"
    )
    return (train, validation)
}
