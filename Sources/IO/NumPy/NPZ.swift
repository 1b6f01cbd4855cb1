import Diagnostics
import Foundation

/// numpy's `.npz`: a ZIP archive of `.npy` files, as written by `np.savez` (stored) and
/// `np.savez_compressed` (deflate). Names are the entry names without the ".npy" suffix.
public enum NPZ {
    /// The arrays of `url` by name; throws if two entries map to the same name.
    public static func read(from url: URL) throws -> [String: NDArray] {
        var arrays: [String: NDArray] = [:]
        for (name, array) in try readOrdered(from: url) {
            guard arrays.updateValue(array, forKey: name) == nil else {
                throw FileError(
                    .duplicateName, file: url.path, at: .entry(String(name), .wholeFile),
                    problem: "two entries are named '\(name)'", fix: "use readOrdered to see both, or re-save with distinct names")
            }
        }
        return arrays
    }

    /// The arrays of `url` in archive order (folder entries ending in "/" are skipped).
    public static func readOrdered(from url: URL) throws -> [(name: String, array: NDArray)] {
        let source = url.path
        let data = try NPY.readFileData(url)
        var result: [(name: String, array: NDArray)] = []
        for entry in try ZipArchive.decode(data, source: source) where !entry.name.hasSuffix("/") {
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            do {
                result.append((name, try NPY.decode(entry.data, source: source)))
            } catch let error as FileError {
                throw error.inEntry(entry.name, of: source)
            }
        }
        return result
    }

    /// Writes `arrays` atomically as entries "<name>.npy"; `compressed` matches `np.savez_compressed`.
    public static func write(_ arrays: [(name: String, array: NDArray)], to url: URL, compressed: Bool = false) throws {
        let entries = arrays.map { ZipArchive.Entry(name: $0.name + ".npy", data: NPY.encode($0.array)) }
        try AtomicFile.write(ZipArchive.encode(entries, compressed: compressed, source: url.path), to: url)
    }
}
