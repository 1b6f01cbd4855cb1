import IO
import Foundation

/// The SHA-1 of a file's bytes ("unreadable" when it cannot be read): ties config.json to the
/// initial-weights file, so a rerun with another file of the same name is refused.
func fileSHA1(_ url: URL) -> String {
    guard let data = try? Data(contentsOf: url) else { return "unreadable" }
    var hash = SHA1()
    hash.update(data)
    return hash.finalize()
}
