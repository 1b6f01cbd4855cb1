/// An error whose text can name settings. `description` names them in the library's terms;
/// the command-line tool prints `message.rendered(_:)` with its flags.
public protocol SettingsDescribed: Error, CustomStringConvertible {
    var message: Message { get }
}

extension SettingsDescribed {
    public var description: String { message.description }
}
