import Foundation
import IO
import Results

extension History {
    /// One JSON object of per-epoch arrays with Keras-like keys, one key per line (non-finite values as null).
    public func jsonData() -> Data {
        let arrays = keys.map { key in (key, JSONValue.array(values[key]!.map(JSONValue.init))) }
        return Data(JSON.text(.object(JSONObject(entries: arrays)), layout: .membersOnLines).utf8)
    }

    /// history.json (atomically).
    public func writeJSON(to url: URL) throws { try AtomicFile.write(jsonData(), to: url) }

    /// history.csv: an `epoch` column then one column per key (atomically; empty cell for non-finite).
    public func writeCSV(to url: URL) throws {
        let rows = (0..<epochs).map { e in [String(e + 1)] + keys.map { k in csvNumber(values[k]![e]) } }
        try CSV.write(header: ["epoch"] + keys, rows: rows, to: url)
    }
}
