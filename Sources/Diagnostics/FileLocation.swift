/// Where in a file a problem is.
public indirect enum FileLocation: Equatable, Sendable, CustomStringConvertible {
    /// The file as a whole (no position).
    case wholeFile
    /// A 1-based row of a table (CSV: one line each, the header is row 1) and field.
    case row(Int, column: Int?)
    /// A 1-based line of a text file (JSON Lines, JSON) and character column.
    case line(Int, column: Int?)
    /// A byte offset from the start of the file (or of an archive entry).
    case byte(Int)
    /// A field of a file's header (`.npy`: `descr`, `shape`, `fortran_order`).
    case headerField(String)
    /// An entry of an archive (`.npz`, `.keras`), and where in it.
    case entry(String, FileLocation)
    /// An object (group or dataset) of an HDF5 file.
    case hdf5Object(String)
    /// A place or step not covered above, in words ("opening the file", "renaming /a/b.tmp over the target").
    case described(String)

    public var description: String {
        switch self {
        case .wholeFile: return ""
        case .row(let row, let column): return "row \(row)" + (column.map { ", column \($0)" } ?? "")
        case .line(let line, let column): return "line \(line)" + (column.map { ", column \($0)" } ?? "")
        case .byte(let offset): return "byte \(offset)"
        case .headerField(let name): return "header field '\(name)'"
        case .entry(let name, let inner):
            let innerText = inner.description
            return "entry '\(name)'" + (innerText.isEmpty ? "" : ", \(innerText)")
        case .hdf5Object(let path): return "HDF5 object '\(path)'"
        case .described(let text): return text
        }
    }

    /// A table row when `row` is known (with `column` when known), else the whole file.
    public static func table(row: Int?, column: Int?) -> FileLocation {
        guard let row else { return column.map { .described("column \($0)") } ?? .wholeFile }
        return .row(row, column: column)
    }

    /// A text line when `line` is known (with `column` when known), else the whole file.
    public static func text(line: Int?, column: Int?) -> FileLocation {
        guard let line else { return column.map { .described("column \($0)") } ?? .wholeFile }
        return .line(line, column: column)
    }

    /// The 1-based row or line, when the location has one.
    public var line: Int? {
        switch self {
        case .row(let line, _), .line(let line, _): return line
        case .entry(_, let inner): return inner.line
        default: return nil
        }
    }

    /// The 1-based column, when the location has one.
    public var column: Int? {
        switch self {
        case .row(_, let column), .line(_, let column): return column
        case .entry(_, let inner): return inner.column
        default: return nil
        }
    }
}
