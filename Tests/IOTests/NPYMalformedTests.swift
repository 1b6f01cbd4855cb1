import Diagnostics
import FileTestSupport
import Foundation
import IO
import XCTest

/// Damaged and unsupported `.npy` input: each must throw `FileError` naming the file,
/// the byte offset or header field, and a fix.
final class NPYMalformedTests: XCTestCase {
    /// Raw `.npy` bytes around an arbitrary header text (padded like numpy's), not validated.
    private func npy(header: String, data: [UInt8] = [], version: UInt8 = 1) -> Data {
        var text = Array(header.utf8)
        let prefix = version == 1 ? 10 : 12
        while (prefix + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        if version == 1 {
            out += [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
        } else {
            out += [UInt8(text.count & 0xFF), UInt8(text.count >> 8), 0, 0]
        }
        return Data(out + text + data)
    }

    private func f4Bytes() throws -> Data { try Data(contentsOf: fixture("f4.npy")) }

    func testTruncatedDataNamesOffsetAndSizes() throws {
        let cut = try f4Bytes().dropLast(4)
        let error = assertThrows(FileError.self, containing: ["cut.npy", "byte 128", "needs 24 bytes", "only 20", "save it again"]) {
            try NPY.decode(Data(cut), source: "cut.npy")
        }
        XCTAssertEqual(error?.kind, .truncated)
    }

    func testTruncatedHeaderNamesOffset() throws {
        let cut = try f4Bytes().prefix(50)
        assertThrows(FileError.self, containing: ["cut.npy", "byte 10", "header declares 118 bytes but only 40 remain"]) {
            try NPY.decode(Data(cut), source: "cut.npy")
        }
        assertThrows(FileError.self, containing: ["tiny.npy", "byte 6"]) {
            try NPY.decode(Data([0x93] + Array("NUMPY".utf8)), source: "tiny.npy")
        }
    }

    func testBadMagicSaysItIsNotANpyFile() {
        let error = assertThrows(FileError.self, containing: ["text.npy", "byte 0", "magic", "68 65 6c 6c 6f", "np.save"]) {
            try NPY.decode(Data("hello".utf8), source: "text.npy")
        }
        XCTAssertEqual(error?.kind, .badMagic)
        assertThrows(FileError.self, containing: ["empty.npy", "byte 0", "magic"]) {
            try NPY.decode(Data(), source: "empty.npy")
        }
    }

    func testUnknownFormatVersionIsRejected() throws {
        var bytes = try f4Bytes()
        bytes[6] = 9
        let error = assertThrows(FileError.self, containing: ["v9.npy", "byte 6", "version 9.0", "np.save"]) {
            try NPY.decode(bytes, source: "v9.npy")
        }
        XCTAssertEqual(error?.kind, .unsupportedVersion)
    }

    func testMalformedHeaderNamesByteOffset() {
        // The ')' of the shape tuple is missing: the parser stops at the '}' (header byte 10 + 55).
        let broken = npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", data: [UInt8](repeating: 0, count: 24))
        let error = assertThrows(FileError.self, containing: ["broken.npy", "header byte 65", "expected ',' or ')'", "np.save"]) {
            try NPY.decode(broken, source: "broken.npy")
        }
        XCTAssertEqual(error?.kind, .malformedHeader)

        assertThrows(FileError.self, containing: ["list.npy", "not a dictionary"]) {
            try NPY.decode(npy(header: "['<f4']"), source: "list.npy")
        }
        assertThrows(FileError.self, containing: ["call.npy", "unexpected 'dtype'"]) {
            try NPY.decode(npy(header: "{'descr': dtype('f4'), 'fortran_order': False, 'shape': ()}"), source: "call.npy")
        }
    }

    func testMissingExtraAndMistypedHeaderFieldsAreNamed() {
        assertThrows(FileError.self, containing: ["header field 'shape'", "missing"]) {
            try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order': False}"), source: "x.npy")
        }
        assertThrows(FileError.self, containing: ["header field 'color'", "unexpected"]) {
            try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'color': 'red'}", data: [0, 0, 0, 0]), source: "x.npy")
        }
        assertThrows(FileError.self, containing: ["header field 'shape'", "-2"]) {
            try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3)}"), source: "x.npy")
        }
        assertThrows(FileError.self, containing: ["header field 'fortran_order'", "True or False"]) {
            try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order': 0, 'shape': ()}", data: [0, 0, 0, 0]), source: "x.npy")
        }
    }

    func testUnsupportedDTypesEachSayHowToResave() {
        let cases: [(descr: String, fragments: [String])] = [
            ("<c8", ["'<c8'", "complex"]),
            ("<u8", ["'<u8'", "uint64", "astype('<i8')"]),
            ("<m8[s]", ["'<m8[s]'", "not supported", "astype('<f4')"]),
            ("f4", ["'f4'", "not a numpy type string"]),
            ("|f4", ["'|f4'", "no byte order", "astype('<f4')"])
        ]
        for (descr, fragments) in cases {
            let error = assertThrows(FileError.self, containing: ["odd.npy", "header field 'descr'", "Fix:"] + fragments) {
                try NPY.decode(npy(header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0, 0, 0, 0, 0]), source: "odd.npy")
            }
            XCTAssertEqual(error?.kind, .unsupportedDType, descr)
        }
        assertThrows(FileError.self, containing: ["'descr'", "structured", "np.savez"]) {
            try NPY.decode(npy(header: "{'descr': [('a', '<f4'), ('b', '<i8')], 'fortran_order': False, 'shape': (1,)}", version: 2), source: "rec.npy")
        }
    }

    func testTrailingBytesAfterTheDataAreReported() throws {
        let extra = try f4Bytes() + Data([1, 2, 3])
        let error = assertThrows(FileError.self, containing: ["long.npy", "byte 152", "3 unexpected bytes", ".npz"]) {
            try NPY.decode(extra, source: "long.npy")
        }
        XCTAssertEqual(error?.kind, .trailingData)
    }

    func testFortranOrderIsAcceptedWhenTheLayoutEqualsCOrder() throws {
        // A single non-trivial axis has the same bytes in either order; numpy itself may write this.
        let data = npy(header: "{'descr': '<i4', 'fortran_order': True, 'shape': (1, 2)}", data: [5, 0, 0, 0, 6, 0, 0, 0])
        XCTAssertEqual(try NPY.decode(data, source: "f.npy"), NDArray(shape: [1, 2], int32: [5, 6]))
    }

    func testMissingFileNamesThePath() {
        let error = assertThrows(FileError.self, containing: ["/nonexistent/folder/a.npy", "exists"]) {
            try NPY.read(from: URL(fileURLWithPath: "/nonexistent/folder/a.npy"))
        }
        XCTAssertEqual(error?.kind, .fileAccess)
    }
}
