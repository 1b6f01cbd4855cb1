import Foundation

/// config.json: every choice of an experiment as ordered settings, one per line
/// (`{\n  "lambda": "0.1",\n  ...\n}\n`). The report shows them in file order.
public enum ConfigFile {
    /// The file's text for `settings` (string values, in order).
    public static func text(_ settings: [(key: String, value: String)]) -> String {
        JSON.text(.object(JSONObject(entries: settings.map { ($0.key, JSONValue.string($0.value)) })), layout: .membersOnLines)
    }

    /// The settings of `url` in file order; errors name the file, line and column.
    public static func read(_ url: URL) throws -> JSONObject {
        try JSONFile.readObject(url, fix: "Run the experiment into this folder first; it writes config.json before training")
    }
}
