/// A setting with a value it does not accept, or settings that do not fit together; shared by
/// training, experiments and the lab. The command-line tool prints it with its flags.
public enum SettingError: SettingsDescribed, Equatable {
    /// `setting` has `value`, outside what it accepts (`allowed`).
    case valueOutOfRange(Setting, value: String, allowed: Message)
    /// `settings` do not fit together: `problem` says why, `fix` what to change.
    case settingsConflict([Setting], problem: Message, fix: Message)

    public var message: Message {
        switch self {
        case .valueOutOfRange(let setting, let value, let allowed):
            return "\(setting) must be \(allowed), got \(value)"
        case .settingsConflict(_, let problem, let fix):
            return "\(problem); \(fix)"
        }
    }

    /// The settings the error is about.
    public var settings: [Setting] {
        switch self {
        case .valueOutOfRange(let setting, _, _): return [setting]
        case .settingsConflict(let settings, _, _): return settings
        }
    }
}
