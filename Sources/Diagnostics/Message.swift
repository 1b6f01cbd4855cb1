/// Text that can name settings, built with string interpolation:
/// `"\(.loss) \(loss) is a binary loss; set \(.loss) to cce"`. Rendered with a `SettingNaming`:
/// `description` uses the library's names, the command-line tool its flags.
public struct Message: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A piece of a message: plain text or a setting's name.
    public enum Piece: Sendable, Equatable {
        case text(String)
        case setting(Setting)
    }

    public private(set) var pieces: [Piece]

    public init(_ pieces: [Piece]) {
        self.pieces = pieces
    }

    public init(stringLiteral value: String) {
        pieces = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
    }

    /// The settings the message names, in order.
    public var settings: [Setting] {
        pieces.compactMap { if case .setting(let s) = $0 { return s } else { return nil } }
    }

    /// The text with each setting named by `naming`.
    public func rendered(_ naming: SettingNaming) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .setting(let setting): return naming.name(setting)
            }
        }.joined()
    }

    /// The text in the library's names.
    public var description: String { rendered(.library) }

    /// Appends `other`.
    public static func + (lhs: Message, rhs: Message) -> Message {
        Message(lhs.pieces + rhs.pieces)
    }

    /// Builds a message: literal text, settings (`\(.epochs)`), nested messages and errors
    /// that carry messages keep their settings; any other value is its `description`.
    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { pieces.append(.text(literal)) }
        }

        public mutating func appendInterpolation(_ setting: Setting) {
            pieces.append(.setting(setting))
        }

        public mutating func appendInterpolation(_ message: Message) {
            pieces += message.pieces
        }

        public mutating func appendInterpolation<T>(_ value: T) {
            if let error = value as? any SettingsDescribed {
                pieces += error.message.pieces
            } else if let setting = value as? Setting {
                pieces.append(.setting(setting))
            } else {
                pieces.append(.text(String(describing: value)))
            }
        }
    }
}
