/// Which imagined task a session recorded; the notebook's label 1 / 0 becomes +1 / -1.
public enum EEGClass: Int, Sendable, Codable, CaseIterable {
    /// `KS`, "known skill": the subject imagines a familiar motor task. Label +1.
    case familiar = 1
    /// `US`, "unknown skill": an unfamiliar task. Label -1.
    case unfamiliar = -1

    /// The label used for training: +1 familiar, -1 unfamiliar.
    public var label: Float { Float(rawValue) }
    /// The two-letter code in the file name.
    public var code: String { self == .familiar ? "KS" : "US" }
}

/// One recording session, named `ML10<subject>_<KS|US>.csv`.
public struct EEGSession: Sendable, Equatable, Hashable {
    public let subject: Int
    public let eegClass: EEGClass

    public init(subject: Int, eegClass: EEGClass) {
        self.subject = subject
        self.eegClass = eegClass
    }

    /// Parses a file name such as `ML103_US.csv` (a leading folder is ignored).
    public init(fileName: String) throws {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard base.hasPrefix("ML10"), base.hasSuffix(".csv"), base.count == "ML101_KS.csv".count else {
            throw EEGError.badFileName(base)
        }
        let chars = Array(base)
        guard let subject = Int(String(chars[4])), (1...8).contains(subject), chars[5] == "_" else {
            throw EEGError.badFileName(base)
        }
        switch String(chars[6...7]) {
        case "KS": self.init(subject: subject, eegClass: .familiar)
        case "US": self.init(subject: subject, eegClass: .unfamiliar)
        default: throw EEGError.badFileName(base)
        }
    }

    /// The file name, e.g. `ML103_US.csv`.
    public var fileName: String { "ML10\(subject)_\(eegClass.code).csv" }

    /// The 16 sessions in the notebook's order: ML101_KS, ML101_US, ..., ML108_US.
    public static let all: [EEGSession] = (1...8).flatMap { s in
        [EEGSession(subject: s, eegClass: .familiar), EEGSession(subject: s, eegClass: .unfamiliar)]
    }

    /// Git blob ids of the original files (SOURCE.md), keyed by file name.
    public static let gitBlobIDs: [String: String] = [
        "ML101_KS.csv": "b725202a40f4c139976934beb98df1e8673ae907",
        "ML101_US.csv": "a7e19b37ceaae094e56bb33f8cbf338ba9dde7e2",
        "ML102_KS.csv": "be5bb6873ccf39bd0f09a4a87d53344af8e7a1c8",
        "ML102_US.csv": "26f5756b9772ec42a52c6642f960105ddcf7ec60",
        "ML103_KS.csv": "f1a92afc84e40f1961254b3b59019355ddada387",
        "ML103_US.csv": "a314080f02e0a534184764fd598c9301bbd93595",
        "ML104_KS.csv": "1fdf6a2d46861de377764206dbadbe30ed3d0296",
        "ML104_US.csv": "1cc8007882b1281e33495ef5913f7fdd80254a43",
        "ML105_KS.csv": "1e93cd65f4d853b1f2e20e2d9a99ee74ad3a9d78",
        "ML105_US.csv": "3a7c0cc550c77e558c5e36e8b975714a3761e1b2",
        "ML106_KS.csv": "98417295f9a2690bae2968853efd8b6570170cb8",
        "ML106_US.csv": "f8a1bd741e728a474a36689117d276348f5669d7",
        "ML107_KS.csv": "799f592ffb7a553bf7b8b52bb1846bd74f28049a",
        "ML107_US.csv": "17baeef3df4fb7ed3504d1baf85271cdb4e7ce41",
        "ML108_KS.csv": "996488c61fe2e01df62cab74739eded8caf6fab6",
        "ML108_US.csv": "4a5fce458fd4a20c66602d5b1377890c96e486c0"
    ]
}
