import FileTestSupport
import Foundation
import IO
import XCTest

/// Writes one file of each kind this module produces. scripts/io/check_roundtrip.py checks
/// with numpy and Python's csv/json that they read back as the formulas below say; run by hand:
///
///     TENSOR_IO_INTEROP_DIR=/tmp/interop swift test -c release --filter PythonInteropFilesTests
///     python3 scripts/io/check_roundtrip.py /tmp/interop
///
/// Without the variable the files go to a temporary folder and are only read back in Swift.
final class PythonInteropFilesTests: TemporaryFolderTestCase {
    static let tableHeader = ["id", "text", "ünï"]
    static let tableRows = [["1", "comma, inside", "\"quoted\""], ["2", "line\nbreak", ""], ["3", " padded ", "ωμέγα"]]

    static func arrays() -> [(name: String, array: NDArray)] {
        [
            ("f4", NDArray(shape: [2, 3], float32: (0..<6).map { Float($0) * 0.5 - 1 })),
            ("f8", NDArray(shape: [2, 3], float64: (0..<6).map { Double($0) / 3 })),
            ("i4", NDArray(shape: [2, 3], int32: (0..<6).map { Int32($0) - 3 })),
            ("i8", NDArray(shape: [1, 3], int64: [-(1 << 40), 0, (1 << 40) + 1])),
            ("b1", NDArray(shape: [4], bool: [true, false, true, true])),
            ("scalar", NDArray(shape: [], float64: [3.25])),
            ("empty", NDArray(shape: [0, 3], float32: [])),
            ("rank3", NDArray(shape: [2, 3, 4], float32: (0..<24).map { Float($0) }))
        ]
    }

    func testWriteInteropFiles() throws {
        let out: URL
        if let dir = ProcessInfo.processInfo.environment["TENSOR_IO_INTEROP_DIR"] {
            out = URL(fileURLWithPath: dir, isDirectory: true)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        } else {
            out = folder
        }
        let arrays = Self.arrays()
        for (name, array) in arrays {
            try NPY.write(array, to: out.appendingPathComponent(name + ".npy"))
            XCTAssertEqual(try NPY.read(from: out.appendingPathComponent(name + ".npy")), array)
        }
        let manyAxes = NDArray(shape: [Int](repeating: 1, count: 25_000), float32: [7])
        try NPY.write(manyAxes, to: out.appendingPathComponent("v2_header.npy"))

        let named = arrays + [("größe", NDArray(shape: [1], int32: [7]))]
        try NPZ.write(named, to: out.appendingPathComponent("stored.npz"))
        try NPZ.write(named, to: out.appendingPathComponent("compressed.npz"), compressed: true)
        let zip64 = try ZipArchive.encode(
            named.map { ZipArchive.Entry(name: $0.name + ".npy", data: NPY.encode($0.array)) },
            compressed: true, forceZip64: true)
        try AtomicFile.write(zip64, to: out.appendingPathComponent("zip64.npz"))
        for name in ["stored.npz", "compressed.npz", "zip64.npz"] {
            let back = try NPZ.readOrdered(from: out.appendingPathComponent(name))
            XCTAssertEqual(back.map(\.name), named.map(\.name))
            XCTAssertEqual(back.map(\.array), named.map(\.array))
        }

        try CSV.write(header: Self.tableHeader, rows: Self.tableRows, to: out.appendingPathComponent("table.csv"))
        let log = out.appendingPathComponent("log.jsonl")
        try? FileManager.default.removeItem(at: log)
        for k in 0..<3 { try AtomicFile.append(line: "{\"k\": \(k), \"s\": \"é\"}", to: log) }
        XCTAssertEqual(try AtomicFile.readCompleteLines(from: log).count, 3)
    }
}
