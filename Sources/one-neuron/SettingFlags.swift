import ArgumentParser
import Diagnostics

/// The command-line flag of each library setting: how the tool prints library messages.
extension SettingNaming {
    /// Names each setting by its flag, e.g. `batchSize` as `--batch-size`.
    static let flags = SettingNaming { "--" + flagName(of: $0) }

    private static func flagName(of setting: Setting) -> String {
        switch setting {
        case .eegFolder: return "eeg"
        case .validationFraction: return "val-fraction"
        case .excludedSessions: return "exclude-sessions"
        case .convolutionAlgorithm: return "conv-algorithm"
        case .downloadURL: return "from"
        case .downloadFolder: return "to"
        default: return kebabCase(setting.name)
        }
    }

    /// `batchSize` -> `batch-size`.
    private static func kebabCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// `parse` for an option's `transform:`, with a library error about settings re-thrown in the
/// flags' terms.
func inFlagTerms<T>(_ parse: @escaping @Sendable (String) throws -> T) -> @Sendable (String) throws -> T {
    { text in
        do {
            return try parse(text)
        } catch let error as any SettingsDescribed {
            throw ValidationError(error.message.rendered(.flags))
        }
    }
}
