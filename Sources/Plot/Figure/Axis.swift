/// An axis: its title, optional unit (shown as "title (unit)"), and optional fixed range.
public struct Axis: Sendable {
    public var title: String
    public var unit: String?
    /// Fixed range; nil means derived from the data and rounded to nice ticks.
    public var range: ClosedRange<Double>?
    /// Only whole-number ticks (for example epochs).
    public var integerTicks: Bool
    /// Category names for a categorical axis (dot series); nil for a numeric axis.
    public var categories: [String]?

    public init(title: String, unit: String? = nil, range: ClosedRange<Double>? = nil, integerTicks: Bool = false, categories: [String]? = nil) {
        self.title = title
        self.unit = unit
        self.range = range
        self.integerTicks = integerTicks
        self.categories = categories
    }

    /// The text drawn along the axis.
    public var label: String {
        guard let unit, !unit.isEmpty else { return title }
        return "\(title) (\(unit))"
    }
}
