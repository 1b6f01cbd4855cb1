/// How a message names settings: the library's names by default; the command-line tool
/// passes one that gives its flags (`--batch-size`).
public struct SettingNaming: Sendable {
    public let name: @Sendable (Setting) -> String

    public init(_ name: @escaping @Sendable (Setting) -> String) {
        self.name = name
    }

    /// The library's own names (`Setting.name`).
    public static let library = SettingNaming { $0.name }
}
