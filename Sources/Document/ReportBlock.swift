/// A table of text cells.
public struct ReportTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }
}

/// A block of a report page.
public enum ReportBlock: Sendable {
    case heading(String, level: Int)
    case paragraph(String)
    case bullets([String])
    case table(ReportTable)
    /// A figure: its files' base name (`name.svg`, `name.png`), the SVG text to inline and a caption.
    case figure(name: String, svg: String, caption: String)
}
