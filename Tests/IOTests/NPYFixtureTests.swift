import Diagnostics
import FileTestSupport
import Foundation
import IO
import XCTest

/// Reads files written by numpy (scripts/io/make_npy_fixtures.py); the expected values
/// restate the formulas in that script.
final class NPYFixtureTests: XCTestCase {
    func testReadsEverySupportedNumpyDType() throws {
        XCTAssertEqual(try NPY.read(from: fixture("f4.npy")), NDArray(shape: [2, 3], float32: [-1, -0.5, 0, 0.5, 1, 1.5]))
        XCTAssertEqual(try NPY.read(from: fixture("f8.npy")), NDArray(shape: [2, 3], float64: (0..<6).map { Double($0) / 3 }))
        XCTAssertEqual(try NPY.read(from: fixture("i4.npy")), NDArray(shape: [2, 3], int32: [-3, -2, -1, 0, 1, 2]))
        XCTAssertEqual(try NPY.read(from: fixture("i8.npy")), NDArray(shape: [1, 3], int64: [-(1 << 40), 0, (1 << 40) + 1]))
        XCTAssertEqual(try NPY.read(from: fixture("b1.npy")), NDArray(shape: [4], bool: [true, false, true, true]))
        XCTAssertEqual(try NPY.read(from: fixture("scalar_f8.npy")), NDArray(shape: [], float64: [3.25]))
        XCTAssertEqual(try NPY.read(from: fixture("empty_f4.npy")), NDArray(shape: [0, 3], float32: []))
        XCTAssertEqual(try NPY.read(from: fixture("rank3_f4.npy")), NDArray(shape: [2, 3, 4], float32: (0..<24).map { Float($0) }))
    }

    func testWidensSmallNumpyTypesWithoutLoss() throws {
        XCTAssertEqual(try NPY.read(from: fixture("u1.npy")), NDArray(shape: [3], int32: [0, 7, 255]))
        XCTAssertEqual(try NPY.read(from: fixture("i2.npy")), NDArray(shape: [3], int32: [-32768, 0, 32767]))
        XCTAssertEqual(try NPY.read(from: fixture("f2.npy")), NDArray(shape: [3], float32: [0.5, -2, 65504]))
    }

    func testReadsFormatVersions2And3() throws {
        XCTAssertEqual(try NPY.read(from: fixture("v2_i8.npy")), NDArray(shape: [5], int64: [0, 1, 2, 3, 4]))
        XCTAssertEqual(try NPY.read(from: fixture("v3_f4.npy")), NDArray(shape: [5], float32: [0, 1, 2, 3, 4]))
    }

    func testEncodingIsByteIdenticalToNumpySave() throws {
        for name in ["f4.npy", "f8.npy", "i4.npy", "i8.npy", "b1.npy", "scalar_f8.npy", "empty_f4.npy", "rank3_f4.npy"] {
            let numpyBytes = try Data(contentsOf: fixture(name))
            XCTAssertEqual(NPY.encode(try NPY.decode(numpyBytes, source: name)), numpyBytes, name)
        }
    }

    func testFortranOrderIsRejectedWithFix() {
        let error = assertThrows(FileError.self, containing: ["fortran_f4.npy", "'fortran_order'", "Fortran", "np.ascontiguousarray"]) {
            try NPY.read(from: fixture("fortran_f4.npy"))
        }
        XCTAssertEqual(error?.kind, .fortranOrder)
    }

    func testBigEndianIsRejectedWithFix() {
        let error = assertThrows(FileError.self, containing: ["bigendian_f4.npy", "'descr'", "'>f4'", "big-endian", "astype('<f4')"]) {
            try NPY.read(from: fixture("bigendian_f4.npy"))
        }
        XCTAssertEqual(error?.kind, .unsupportedDType)
    }

    func testStringAndObjectArraysAreRejectedWithFix() {
        assertThrows(FileError.self, containing: ["unicode_U3.npy", "'descr'", "'<U3'", "strings", "astype"]) {
            try NPY.read(from: fixture("unicode_U3.npy"))
        }
        assertThrows(FileError.self, containing: ["object.npy", "'descr'", "'|O'", "Python objects", "np.asarray"]) {
            try NPY.read(from: fixture("object.npy"))
        }
    }
}
