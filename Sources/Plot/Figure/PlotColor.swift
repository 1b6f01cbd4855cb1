/// An sRGB colour with opacity, used by every renderer.
public struct PlotColor: Equatable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    /// Opacity in 0...1.
    public var opacity: Double

    public init(red: UInt8, green: UInt8, blue: UInt8, opacity: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.opacity = min(max(opacity, 0), 1)
    }

    /// The same colour with another opacity.
    public func withOpacity(_ opacity: Double) -> PlotColor {
        PlotColor(red: red, green: green, blue: blue, opacity: opacity)
    }

    /// `#rrggbb` (opacity is written separately by renderers that support it).
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for byte in [red, green, blue] {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
    }

    public static let red = PlotColor(red: 214, green: 39, blue: 40)
    public static let blue = PlotColor(red: 31, green: 119, blue: 180)
    public static let green = PlotColor(red: 44, green: 160, blue: 44)
    public static let orange = PlotColor(red: 255, green: 127, blue: 14)
    public static let purple = PlotColor(red: 148, green: 103, blue: 189)
    public static let gray = PlotColor(red: 127, green: 127, blue: 127)
    public static let lightGray = PlotColor(red: 225, green: 225, blue: 225)
    public static let black = PlotColor(red: 0, green: 0, blue: 0)
    public static let darkGray = PlotColor(red: 60, green: 60, blue: 60)
    public static let white = PlotColor(red: 255, green: 255, blue: 255)

    /// Colours that can be asked for by name.
    public static let named: [String: PlotColor] = [
        "red": .red, "blue": .blue, "green": .green, "orange": .orange, "purple": .purple,
        "gray": .gray, "grey": .gray, "lightgray": .lightGray, "black": .black,
        "darkgray": .darkGray, "white": .white
    ]

    /// The colour with this name (case-insensitive), or nil if unknown.
    public init?(name: String) {
        guard let color = PlotColor.named[name.lowercased()] else { return nil }
        self = color
    }
}
