import Diagnostics
import Foundation

/// numpy's `.npy` format: reads versions 1.0, 2.0 and 3.0; writes 1.0 (2.0 when the header
/// needs more than 65535 bytes). Data must be C order and little-endian.
/// Readable dtypes: '<f4' '<f8' '<i4' '<i8' '|b1', plus '<f2' (as float32), '|i1' '<i2' '|u1' '<u2'
/// (as int32) and '<u4' (as int64). Anything else throws `FileError` saying how to re-save.
public enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    static let alignment = 64

    /// Reads a `.npy` file.
    public static func read(from url: URL) throws -> NDArray {
        let data = try readFileData(url)
        return try decode(data, source: url.path)
    }

    /// Decodes `.npy` bytes; `source` names the file in error messages.
    public static func decode(_ data: Data, source: String) throws -> NDArray {
        try data.withUnsafeBytes { try decode(bytes: $0, source: source) }
    }

    /// The `.npy` bytes of `array` (format 1.0, or 2.0 for a header over 65535 bytes).
    public static func encode(_ array: NDArray) -> Data {
        let shapeText: String
        switch array.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(array.shape[0]),)"
        default: shapeText = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var dict = "{'descr': '\(array.storage.numpyDescriptor)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Like numpy: room for the first axis to grow to 21 digits, so files are byte-identical to np.save.
        if let first = array.shape.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        var header = Array(dict.utf8)
        var major: UInt8 = 1
        var lengthFieldSize = 2
        if paddedLength(header.count, prefix: magic.count + 2 + 2) > Int(UInt16.max) {
            major = 2
            lengthFieldSize = 4
        }
        let prefix = magic.count + 2 + lengthFieldSize
        let total = paddedLength(header.count, prefix: prefix)
        header += [UInt8](repeating: 0x20, count: total - header.count - 1) + [0x0A]

        var out = Data(magic)
        out.append(contentsOf: [major, 0])
        if lengthFieldSize == 2 {
            out.append(contentsOf: littleEndianBytes(UInt16(total)))
        } else {
            out.append(contentsOf: littleEndianBytes(UInt32(total)))
        }
        out.append(contentsOf: header)
        out.append(array.storage.littleEndianBytes)
        return out
    }

    /// Writes `array` atomically (see `AtomicFile`): readers see the old file or the whole new one.
    public static func write(_ array: NDArray, to url: URL) throws {
        try AtomicFile.write(encode(array), to: url)
    }

    /// Header length (including the final newline) that makes `prefix + header` a multiple of 64;
    /// as numpy does, an already aligned header still gets 64 more spaces.
    private static func paddedLength(_ headerCount: Int, prefix: Int) -> Int {
        let unpadded = headerCount + 1
        return unpadded + alignment - (prefix + unpadded) % alignment
    }

    static func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    static func readFileData(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw FileError(
                .fileAccess, file: url.path, at: .described("opening the file"),
                problem: "cannot read it (\(error.localizedDescription))",
                fix: "check that the path exists and is readable")
        }
    }

    private static func decode(bytes: UnsafeRawBufferPointer, source: String) throws -> NDArray {
        func failure(_ kind: FileErrorKind, _ location: FileLocation, _ problem: String, _ fix: String) -> FileError {
            FileError(kind, file: source, at: location, problem: problem, fix: fix)
        }
        let notNPYFix = "this is not a .npy file; save the array with np.save(path, x)"
        guard bytes.count >= magic.count, zip(bytes.prefix(magic.count), magic).allSatisfy({ $0 == $1 }) else {
            let found = bytes.prefix(magic.count).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw failure(.badMagic, .byte(0), "file does not start with the .npy magic bytes 93 4e 55 4d 50 59 (\"\\x93NUMPY\"); found [\(found)]", notNPYFix)
        }
        guard bytes.count >= 8 else {
            throw failure(
                .truncated, .byte(6), "file ends inside the format version (\(bytes.count) bytes in total)",
                "the file was cut short; save it again with np.save")
        }
        let major = bytes[6], minor = bytes[7]
        guard (1...3).contains(major), minor == 0 else {
            throw failure(
                .unsupportedVersion, .byte(6), "format version \(major).\(minor) is not supported (only 1.0, 2.0 and 3.0)",
                "re-save with np.save(path, x) from numpy >= 1.9")
        }
        let lengthFieldSize = major == 1 ? 2 : 4
        let headerStart = 8 + lengthFieldSize
        guard bytes.count >= headerStart else {
            throw failure(
                .truncated, .byte(8), "file ends inside the header length field (\(bytes.count) bytes in total)",
                "the file was cut short; save it again with np.save")
        }
        let headerLength =
            lengthFieldSize == 2
            ? Int(UInt16(bytes[8]) | UInt16(bytes[9]) << 8)
            : Int(UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24)
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw failure(
                .truncated, .byte(headerStart), "header declares \(headerLength) bytes but only \(bytes.count - headerStart) remain in the file",
                "the file was cut short; save it again with np.save")
        }
        let headerBytes = Array(bytes[headerStart..<dataStart])
        let header = try NPYHeader.parse(headerBytes, utf8: major >= 3, headerStart: headerStart, source: source)

        let count = header.count
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: header.type.byteCount)
        let available = bytes.count - dataStart
        guard !overflow, available >= byteCount else {
            let needed = overflow ? "more than \(Int.max)" : String(byteCount)
            throw failure(
                .truncated, .byte(dataStart),
                "array data of shape \(header.shape) needs \(needed) bytes from byte \(dataStart) but only \(available) are there",
                "the file was cut short (interrupted copy or write); save it again with np.save")
        }
        guard available == byteCount else {
            throw failure(
                .trailingData, .byte(dataStart + byteCount),
                "\(available - byteCount) unexpected bytes follow the array data (several arrays appended to one file?)",
                "save one array per .npy file, or several arrays in one .npz with np.savez")
        }
        let storage = header.type.decode(UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + byteCount)]), count: count)
        return try NDArray(shape: header.shape, storage: storage)
    }
}
