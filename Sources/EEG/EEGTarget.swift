/// What a model learns from the EEG images: the imagined task, the subject, or the session.
///
/// With `subject` or `session` every class must appear in training, so split by time
/// (`EEGSplit.time`: the last windows of every session validate, after a gap, so overlapping
/// windows do not leak). A subject split would validate on classes never seen in training;
/// `checkSplit` rejects it. A random split is allowed but leaks: validation frames share half
/// their samples with neighbouring training frames of the same session.
public enum EEGTarget: String, CaseIterable, Sendable, Codable {
    /// Binary: 0 unfamiliar (US), 1 familiar (KS).
    case task
    /// 8 classes: subject 1...8 is class 0...7.
    case subject
    /// 16 classes: the session's index in the notebook's file order (0 = ML101_KS, 1 = ML101_US, ...).
    case session

    public var classCount: Int {
        switch self {
        case .task: return 2
        case .subject: return 8
        case .session: return EEGSession.all.count
        }
    }

    /// Class names in class-index order.
    public var classNames: [String] {
        switch self {
        case .task: return ["unfamiliar (US)", "familiar (KS)"]
        case .subject: return (1...8).map { "ML10\($0)" }
        case .session: return EEGSession.all.map { String($0.fileName.dropLast(".csv".count)) }
        }
    }

    /// Class index 0..<classCount of every frame. For `session` this is the index in
    /// `EEGSession.all`, which is the file index when the dataset holds all 16 sessions.
    public func classIndices(for dataset: EEGDataset) -> [Int] {
        switch self {
        case .task: return dataset.classes.map { $0 == .familiar ? 1 : 0 }
        case .subject: return dataset.subjects.map { $0 - 1 }
        case .session:
            return dataset.fileIndices.map { file in
                let s = dataset.sessions[file]
                return 2 * (s.subject - 1) + (s.eegClass == .familiar ? 0 : 1)
            }
        }
    }

    /// Throws `EEGError.subjectSplitLosesClasses` when `split` holds out classes of this target entirely
    /// (a subject split with the subject or session target).
    public func checkSplit(_ split: EEGSplit) throws {
        guard self != .task, case .subject(let heldOut) = split else { return }
        let lost = self == .subject ? "class ML10\(heldOut)" : "classes ML10\(heldOut)_KS and ML10\(heldOut)_US"
        throw EEGError.subjectSplitLosesClasses(target: self, heldOut: heldOut, lost: lost)
    }

    /// The code stored under the .npz key `target`: 0 task, 1 subject, 2 session.
    public var fileCode: Int { EEGTarget.allCases.firstIndex(of: self)! }

    /// The target of a stored code, or nil for an unknown code.
    public init?(fileCode: Int) {
        guard EEGTarget.allCases.indices.contains(fileCode) else { return nil }
        self = EEGTarget.allCases[fileCode]
    }
}
