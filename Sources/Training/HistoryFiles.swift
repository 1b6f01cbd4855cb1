import Foundation
import Tensor

extension History {
    /// One JSON object of per-epoch arrays with Keras-like keys (non-finite values as null).
    public func jsonData() -> Data {
        var parts: [String] = []
        for key in keys {
            let values = self.values[key]!.map { jsonNumber($0) }.joined(separator: ", ")
            parts.append("  \(jsonString(key)): [\(values)]")
        }
        return Data(("{\n" + parts.joined(separator: ",\n") + "\n}\n").utf8)
    }

    /// history.json (atomically).
    public func writeJSON(to url: URL) throws { try AtomicFile.write(jsonData(), to: url) }

    /// history.csv: an `epoch` column then one column per key (atomically; empty cell for non-finite).
    public func writeCSV(to url: URL) throws {
        let rows = (0..<epochs).map { e in [String(e + 1)] + keys.map { k in csvNumber(values[k]![e]) } }
        try CSV.write(header: ["epoch"] + keys, rows: rows, to: url)
    }
}

/// A CSV cell for a number: empty when not finite.
public func csvNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }
