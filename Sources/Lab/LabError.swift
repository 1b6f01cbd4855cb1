import Diagnostics
import Results

/// A lab task that cannot be parsed, or a lab folder that cannot be resumed, with what to do about it.
/// Values out of range are `SettingError`s.
enum LabError: SettingsDescribed, Equatable {
    /// A task text that does not parse: `problem` says why.
    case badTask(String, problem: String)
    /// The folder holds a lab run with other settings (`config`: its config.json).
    case folderHoldsOtherSettings(folder: String, config: String)
    /// The folder holds more starts than asked for.
    case startsWouldShrink(folder: String, existing: Int, requested: Int)
    /// A record of lab.jsonl out of canonical order.
    case recordOutOfOrder(file: String, line: Int, found: String, expected: String)

    var message: Message {
        switch self {
        case .badTask(let text, let problem):
            return "\(.task) \"\(text)\": \(problem). Accepted: \(LabTask.forms)"
        case .folderHoldsOtherSettings(let folder, let config):
            return
                "\(folder): holds a lab run with other settings (\(LabFiles.config): \(config)); rerun with the same settings to resume, or choose another \(.out)"
        case .startsWouldShrink(let folder, let existing, let requested):
            return "\(folder): already holds \(existing) starts; \(.starts) \(requested) is fewer (a study only grows)"
        case .recordOutOfOrder(let file, let line, let found, let expected):
            return "\(file): line \(line) is start \(found), expected start \(expected)"
        }
    }
}
