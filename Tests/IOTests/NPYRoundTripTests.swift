import FileTestSupport
import Foundation
import IO
import Tensor
import XCTest

final class NPYRoundTripTests: TemporaryFolderTestCase {
    /// One array per storage type and several shapes, including 0-d and empty ones.
    static let samples: [NDArray] = [
        NDArray(shape: [2, 3], float32: [-1, -0.5, 0, 0.5, .greatestFiniteMagnitude, -.leastNonzeroMagnitude]),
        NDArray(shape: [3], float64: [1.0 / 3, -0.0, .leastNormalMagnitude / 4]),
        NDArray(shape: [2, 2], int32: [.min, -1, 0, .max]),
        NDArray(shape: [1, 3], int64: [.min, 0, .max]),
        NDArray(shape: [5], bool: [true, false, false, true, true]),
        NDArray(shape: [], float64: [3.25]),
        NDArray(shape: [], bool: [false]),
        NDArray(shape: [0], float32: []),
        NDArray(shape: [0, 3], int64: []),
        NDArray(shape: [3, 0, 2], bool: []),
        NDArray(shape: [2, 3, 4], float32: (0..<24).map { Float($0) }),
        NDArray(shape: [1, 1, 1, 1, 7], int32: (0..<7).map { Int32($0 * 1000) })
    ]

    func testEncodeDecodeKeepsShapeTypeAndValuesForEveryDTypeAndShape() throws {
        for array in Self.samples {
            let decoded = try NPY.decode(NPY.encode(array), source: "memory")
            XCTAssertEqual(decoded, array, "shape \(array.shape) \(array.storage.numpyDescriptor)")
        }
    }

    func testFloatBitPatternsSurviveIncludingNaNAndNegativeZero() throws {
        let values: [Float] = [.nan, -0.0, .infinity, -.infinity, Float(bitPattern: 0x7FC0_1234)]
        let decoded = try NPY.decode(NPY.encode(NDArray(shape: [5], float32: values)), source: "memory")
        guard case .float32(let back) = decoded.storage else { return XCTFail("storage changed type: \(decoded.storage)") }
        XCTAssertEqual(back.map(\.bitPattern), values.map(\.bitPattern))
    }

    func testWriteThenReadFileForEveryDType() throws {
        for (index, array) in Self.samples.enumerated() {
            let url = folder.appendingPathComponent("a\(index).npy")
            try NPY.write(array, to: url)
            XCTAssertEqual(try NPY.read(from: url), array)
        }
        XCTAssertFalse(try folderListing().contains { $0.hasPrefix(".") }, "temporary files left behind")
    }

    func testHeaderIsAlignedTo64BytesAndStartsWithVersion1() throws {
        for array in Self.samples {
            let bytes = [UInt8](NPY.encode(array))
            XCTAssertEqual(Array(bytes[0..<8]), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            XCTAssertEqual((10 + headerLength) % 64, 0)
            XCTAssertEqual(bytes[10 + headerLength - 1], 0x0A, "header must end with a newline")
            XCTAssertEqual(bytes.count - 10 - headerLength, array.count * array.storage.bytesPerValue)
        }
    }

    func testHeaderOver64KiBIsWrittenAsVersion2AndReadBack() throws {
        let array = NDArray(shape: [Int](repeating: 1, count: 25_000), float32: [7])
        let data = NPY.encode(array)
        XCTAssertEqual(data[data.startIndex + 6], 2, "a header over 65535 bytes needs format 2.0")
        XCTAssertEqual(try NPY.decode(data, source: "memory"), array)
    }

    func testDecodeAcceptsADataSliceWithNonZeroStartIndex() throws {
        let array = NDArray(shape: [2], int64: [4, 5])
        let padded = Data([1, 2, 3]) + NPY.encode(array)
        XCTAssertEqual(try NPY.decode(padded.dropFirst(3), source: "slice"), array)
    }
}

final class NDArrayTests: XCTestCase {
    func testConversionsToFloatsDoublesAndTensor() throws {
        let ints = NDArray(shape: [2, 2], int64: [1, -2, 3, 1 << 40])
        XCTAssertEqual(ints.asDoubles(), [1, -2, 3, 1_099_511_627_776])
        XCTAssertEqual(ints.asFloats(), [1, -2, 3, 1_099_511_627_776])
        XCTAssertEqual(NDArray(shape: [3], bool: [true, false, true]).asFloats(), [1, 0, 1])
        XCTAssertEqual(NDArray(shape: [2], int32: [-7, 9]).asDoubles(), [-7, 9])
        XCTAssertEqual(NDArray(shape: [2], float64: [0.1, 2.5]).asFloats(), [Float(0.1), 2.5])
        XCTAssertEqual(NDArray(shape: [1], float32: [0.1]).asDoubles(), [Double(Float(0.1))])

        let tensor = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let array = NDArray(tensor)
        XCTAssertEqual(array.shape, [2, 3])
        XCTAssertEqual(array.storage, .float32([1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(array.tensor(), tensor)
        XCTAssertEqual(ints.tensor().shape, [2, 2])
        XCTAssertEqual(NDArray(shape: [], float64: [2.5]).tensor().scalars, [2.5])
    }

    func testThrowingInitRejectsCountMismatchAndNegativeSizes() {
        assertThrows(TensorError.self, containing: ["[2, 3]", "6", "5"]) {
            try NDArray(shape: [2, 3], storage: .float32([1, 2, 3, 4, 5]))
        }
        assertThrows(TensorError.self, containing: ["negative"]) {
            try NDArray(shape: [-1], storage: .int32([]))
        }
    }
}
