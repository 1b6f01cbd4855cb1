import Foundation

/// A report as a list of blocks, rendered both as Markdown and as a self-contained HTML page.
/// Text is plain (no markup); renderers escape it.
public struct ReportDocument: Sendable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock] = []) {
        self.title = title
        self.blocks = blocks
    }

    /// Markdown; figures link to the PNG files next to the report.
    public func markdown() -> String {
        var out = "# \(markdownEscape(title))\n"
        for block in blocks {
            out += "\n"
            switch block {
            case .heading(let text, let level):
                out += String(repeating: "#", count: min(max(level, 2), 6)) + " " + markdownEscape(text) + "\n"
            case .paragraph(let text):
                out += markdownEscape(text) + "\n"
            case .bullets(let items):
                out += items.map { "- " + markdownEscape($0) }.joined(separator: "\n") + "\n"
            case .table(let table):
                out += markdownTable(table)
            case .figure(let name, _, let caption):
                out += "![\(markdownEscape(caption))](\(name).png)\n\n"
                out += "*\(markdownEscape(caption))* ([SVG](\(name).svg))\n"
            }
        }
        return out
    }

    private func markdownTable(_ table: ReportTable) -> String {
        func row(_ cells: [String]) -> String {
            "| "
                + cells.map { markdownEscape($0).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ")
                + " |\n"
        }
        var out = row(table.headers)
        out += "|" + table.headers.map { _ in " --- |" }.joined() + "\n"
        for cells in table.rows {
            out += row(cells + Array(repeating: "", count: max(table.headers.count - cells.count, 0)))
        }
        return out
    }

    private func markdownEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
