import Foundation
import Plot

extension ReportDocument {
    /// One HTML file with inline CSS and inline SVG figures; it references nothing outside itself.
    public func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(xmlEscape(title))</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            h1 { font-size: 1.6em; border-bottom: 2px solid #ddd; padding-bottom: .3em; }
            h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #eee; }
            h3 { font-size: 1.1em; }
            table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
            th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            tr:nth-child(even) td { background: #fafafa; }
            figure { margin: 1.2em 0; }
            figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: .92em; color: #444; margin-top: .3em; }
            </style>
            </head>
            <body>
            <h1>\(xmlEscape(title))</h1>

            """
        for block in blocks {
            switch block {
            case .heading(let text, let level):
                let tag = "h\(min(max(level, 2), 6))"
                out += "<\(tag)>\(xmlEscape(text))</\(tag)>\n"
            case .paragraph(let text):
                out += "<p>\(xmlEscape(text))</p>\n"
            case .bullets(let items):
                out += "<ul>\n" + items.map { "<li>\(xmlEscape($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                out += "<table>\n<thead><tr>" + table.headers.map { "<th>\(xmlEscape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for cells in table.rows {
                    out += "<tr>" + cells.map { "<td>\(xmlEscape($0))</td>" }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            case .figure(let name, let svg, let caption):
                out += "<figure id=\"\(xmlEscape(name))\">\n\(inlineSVG(svg))\n<figcaption>\(xmlEscape(caption))</figcaption>\n</figure>\n"
            }
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// The SVG element without its XML declaration, ready to embed in HTML.
    private func inlineSVG(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
