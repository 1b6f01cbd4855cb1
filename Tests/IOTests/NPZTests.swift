import Diagnostics
import FileTestSupport
import Foundation
import IO
import XCTest

final class NPZTests: TemporaryFolderTestCase {
    private let a = NDArray(shape: [2, 3], float32: [0, 1, 2, 3, 4, 5])
    private let labels = NDArray(shape: [3], int64: [1, 0, 1])

    func testReadsNumpySavezInArchiveOrder() throws {
        let ordered = try NPZ.readOrdered(from: fixture("savez.npz"))
        XCTAssertEqual(ordered.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(ordered[0].array, a)
        XCTAssertEqual(ordered[1].array, labels)
        XCTAssertEqual(ordered[2].array, NDArray(shape: [], bool: [true]))
        XCTAssertEqual(Set(try NPZ.read(from: fixture("savez.npz")).keys), ["a", "b", "c"])
    }

    func testReadsNumpySavezCompressed() throws {
        let arrays = try NPZ.read(from: fixture("savez_compressed.npz"))
        XCTAssertEqual(arrays["a"], a)
        XCTAssertEqual(arrays["labels"], labels)
        let big = try XCTUnwrap(arrays["big"])
        XCTAssertEqual(big.shape, [1000])
        for (k, value) in big.asDoubles().enumerated() {
            XCTAssertEqual(value, sin(Double(k)), accuracy: 1e-15)
        }
    }

    func testReadsZip64ExtraFieldsAndEndRecords() throws {
        // Every size and offset in this archive goes through ZIP64 fields (see the fixture script).
        let ordered = try NPZ.readOrdered(from: fixture("zip64.npz"))
        XCTAssertEqual(ordered.map(\.name), ["x", "y"])
        XCTAssertEqual(ordered[0].array, a)
        XCTAssertEqual(ordered[1].array, labels)
    }

    func testWriteReadRoundTripStoredAndCompressed() throws {
        let arrays: [(name: String, array: NDArray)] =
            NPYRoundTripTests.samples.enumerated().map { ("array_\($0.offset)", $0.element) }
            + [("größe", NDArray(shape: [1], int32: [7]))]
        for compressed in [false, true] {
            let url = folder.appendingPathComponent("r\(compressed).npz")
            try NPZ.write(arrays, to: url, compressed: compressed)
            let back = try NPZ.readOrdered(from: url)
            XCTAssertEqual(back.map(\.name), arrays.map(\.name))
            XCTAssertEqual(back.map(\.array), arrays.map(\.array))
        }
        XCTAssertEqual(try folderListing(), ["rfalse.npz", "rtrue.npz"], "no temporary files left behind")
    }

    func testCompressionShrinksRepetitiveData() throws {
        let zeros = NDArray(shape: [10_000], float64: [Double](repeating: 0, count: 10_000))
        let stored = folder.appendingPathComponent("s.npz"), deflated = folder.appendingPathComponent("d.npz")
        try NPZ.write([("z", zeros)], to: stored)
        try NPZ.write([("z", zeros)], to: deflated, compressed: true)
        let storedSize = try Data(contentsOf: stored).count, deflatedSize = try Data(contentsOf: deflated).count
        XCTAssertGreaterThan(storedSize, 80_000)
        XCTAssertLessThan(deflatedSize, 1_000)
        XCTAssertEqual(try NPZ.read(from: deflated)["z"], zeros)
    }

    func testEmptyArchiveRoundTrips() throws {
        let url = folder.appendingPathComponent("empty.npz")
        try NPZ.write([], to: url)
        XCTAssertTrue(try NPZ.readOrdered(from: url).isEmpty)
    }

    func testForcedZip64ArchiveRoundTrips() throws {
        let entries = [ZipArchive.Entry(name: "x.npy", data: NPY.encode(a)), ZipArchive.Entry(name: "y.npy", data: NPY.encode(labels))]
        for compressed in [false, true] {
            let data = try ZipArchive.encode(entries, compressed: compressed, forceZip64: true)
            XCTAssertEqual(try ZipArchive.decode(data, source: "forced"), entries)
            // The ZIP64 end record and locator are present.
            XCTAssertNotNil(data.range(of: Data([0x50, 0x4B, 0x06, 0x06])))
            XCTAssertNotNil(data.range(of: Data([0x50, 0x4B, 0x06, 0x07])))
        }
    }

    func testDuplicateOrEmptyNamesAreRejectedOnWrite() {
        let url = folder.appendingPathComponent("dup.npz")
        assertThrows(FileError.self, containing: ["dup.npz", "entry 'w.npy'", "same name", "distinct"]) {
            try NPZ.write([("w", a), ("w", labels)], to: url)
        }
        assertThrows(FileError.self, containing: ["entry '/abs.npy'", "relative"]) {
            try NPZ.write([("/abs", a)], to: url)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testCorruptedEntryFailsTheChecksumAndNamesTheEntry() throws {
        var bytes = try Data(contentsOf: fixture("savez.npz"))
        // Flip the last byte of entry a.npy's data (its last float), which lies before b.npy's header.
        let secondHeader = try XCTUnwrap(bytes.range(of: Data("PK\u{03}\u{04}".utf8), options: [], in: 4..<bytes.count))
        bytes[secondHeader.lowerBound - 1] ^= 0xFF
        let url = folder.appendingPathComponent("corrupt.npz")
        try bytes.write(to: url)
        let error = assertThrows(FileError.self, containing: ["corrupt.npz", "entry 'a.npy'", "CRC-32", "save it again"]) {
            try NPZ.read(from: url)
        }
        XCTAssertEqual(error?.kind, .checksumMismatch)
    }

    func testTruncatedOrForeignFilesAreBadArchives() throws {
        let bytes = try Data(contentsOf: fixture("savez_compressed.npz"))
        let cut = folder.appendingPathComponent("cut.npz")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        assertThrows(FileError.self, containing: ["cut.npz", "end-of-central-directory", "np.savez"]) {
            try NPZ.read(from: cut)
        }
        assertThrows(FileError.self, containing: ["f4.npy", "ZIP"]) {
            try NPZ.read(from: fixture("f4.npy"))
        }
        assertThrows(FileError.self, containing: ["tiny", "too short"]) {
            try ZipArchive.decode(Data([1, 2, 3]), source: "tiny")
        }
    }

    func testEntryThatIsNotANpyFileNamesTheEntry() throws {
        let url = folder.appendingPathComponent("mixed.npz")
        let data = try ZipArchive.encode(
            [
                ZipArchive.Entry(name: "ok.npy", data: NPY.encode(a)),
                ZipArchive.Entry(name: "notes.npy", data: Data("hello".utf8))
            ], compressed: true)
        try data.write(to: url)
        let error = assertThrows(FileError.self, containing: ["mixed.npz", "entry 'notes.npy'", "byte 0", "magic"]) {
            try NPZ.readOrdered(from: url)
        }
        XCTAssertEqual(error?.kind, .badMagic)
    }

    func testUnsupportedCompressionMethodIsNamed() throws {
        var bytes = try ZipArchive.encode([ZipArchive.Entry(name: "a.npy", data: NPY.encode(a))], compressed: false)
        // Method field: byte 8 of the local header, byte 10 of the central directory header; 12 is bzip2.
        bytes[8] = 12
        let central = try XCTUnwrap(bytes.range(of: Data([0x50, 0x4B, 0x01, 0x02])))
        bytes[central.lowerBound + 10] = 12
        let error = assertThrows(FileError.self, containing: ["bz.npz", "entry 'a.npy'", "method 12", "np.savez"]) {
            try ZipArchive.decode(bytes, source: "bz.npz")
        }
        XCTAssertEqual(error?.kind, .unsupportedCompression)
    }
}
