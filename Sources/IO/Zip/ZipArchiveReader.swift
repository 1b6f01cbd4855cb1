import Diagnostics
import Foundation

/// Walks a ZIP archive through its central directory (ZIP64-aware) and extracts each entry.
struct ZipArchiveReader {
    let bytes: UnsafeRawBufferPointer
    let source: String

    private struct CentralRecord {
        let name: String
        let flags: UInt16
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        let recordOffset: Int
    }

    private let saveAgain = "the file is truncated or damaged; save it again with np.savez(path, ...)"

    func entries() throws -> [ZipArchive.Entry] {
        try centralRecords().map(extract)
    }

    // MARK: - Central directory

    private func centralRecords() throws -> [CentralRecord] {
        guard bytes.count >= 22 else {
            throw failure(.badArchive, .byte(0), "file has \(bytes.count) bytes, too short for a ZIP archive", saveAgain)
        }
        let earliest = max(0, bytes.count - 22 - 0xFFFF)
        var endOffset = -1
        for offset in stride(from: bytes.count - 22, through: earliest, by: -1) where u32(offset) == ZipArchive.endSignature {
            endOffset = offset
            break
        }
        guard endOffset >= 0 else {
            throw failure(.badArchive, .described("end of file"), "no ZIP end-of-central-directory record found (not a ZIP/.npz file, or cut short)", saveAgain)
        }
        guard u16(endOffset + 4) == 0, u16(endOffset + 6) == 0 || u16(endOffset + 6) == 0xFFFF else {
            throw failure(.badArchive, .byte(endOffset), "multi-disk (split) archives are not supported", "join the parts into one archive")
        }
        var count = Int(u16(endOffset + 10))
        var directorySize = Int(u32(endOffset + 12))
        var directoryOffset = Int(u32(endOffset + 16))
        var directoryEnd = endOffset

        let locator = endOffset - 20
        if locator >= 0, u32(locator) == ZipArchive.zip64LocatorSignature {
            let recordOffset = try int(u64(locator + 8), at: locator + 8)
            guard recordOffset <= locator - 56, u32(recordOffset) == ZipArchive.zip64EndSignature else {
                throw failure(.badArchive, .byte(locator), "ZIP64 locator points to byte \(recordOffset), where there is no ZIP64 end record", saveAgain)
            }
            count = try int(u64(recordOffset + 32), at: recordOffset + 32)
            directorySize = try int(u64(recordOffset + 40), at: recordOffset + 40)
            directoryOffset = try int(u64(recordOffset + 48), at: recordOffset + 48)
            directoryEnd = recordOffset
        }
        guard directoryOffset <= directoryEnd, directorySize <= directoryEnd - directoryOffset else {
            throw failure(
                .badArchive, .byte(endOffset),
                "central directory (\(directorySize) bytes at byte \(directoryOffset)) lies outside the file", saveAgain)
        }

        var records: [CentralRecord] = []
        var offset = directoryOffset
        for index in 0..<count {
            guard offset + 46 <= directoryEnd, u32(offset) == ZipArchive.centralHeaderSignature else {
                throw failure(.badArchive, .byte(offset), "central directory entry \(index + 1) of \(count) is missing or damaged", saveAgain)
            }
            let nameLength = Int(u16(offset + 28)), extraLength = Int(u16(offset + 30)), commentLength = Int(u16(offset + 32))
            let nameStart = offset + 46
            guard nameStart + nameLength + extraLength + commentLength <= directoryEnd else {
                throw failure(.badArchive, .byte(offset), "central directory entry \(index + 1) runs past the directory end", saveAgain)
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<(nameStart + nameLength)]), as: UTF8.self)
            var compressed = UInt64(u32(offset + 20))
            var uncompressed = UInt64(u32(offset + 24))
            var local = UInt64(u32(offset + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                // ZIP64 extra field: only the fields saturated above are present, in this order.
                guard var field = findExtra(ZipArchive.zip64ExtraID, in: nameStart + nameLength, length: extraLength) else {
                    throw failure(.badArchive, .entry(name, .byte(offset)), "sizes are 0xFFFFFFFF but the ZIP64 extra field is missing", saveAgain)
                }
                func next() throws -> UInt64 {
                    guard field.count >= 8 else {
                        throw failure(.badArchive, .entry(name, .byte(offset)), "ZIP64 extra field is too short", saveAgain)
                    }
                    let value = u64(field.lowerBound)
                    field = (field.lowerBound + 8)..<field.upperBound
                    return value
                }
                if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
                if compressed == 0xFFFF_FFFF { compressed = try next() }
                if local == 0xFFFF_FFFF { local = try next() }
            }
            records.append(
                CentralRecord(
                    name: name, flags: u16(offset + 8), method: u16(offset + 10), crc: u32(offset + 16),
                    compressedSize: try int(compressed, at: offset + 20),
                    uncompressedSize: try inflatedSize(uncompressed, compressed: compressed, name: name, at: offset + 24),
                    localHeaderOffset: try int(local, at: offset + 42), recordOffset: offset))
            offset = nameStart + nameLength + extraLength + commentLength
        }
        return records
    }

    /// The byte range of the payload of extra field `id` within `start..<start+length`.
    private func findExtra(_ id: UInt16, in start: Int, length: Int) -> Range<Int>? {
        var offset = start
        while offset + 4 <= start + length {
            let size = Int(u16(offset + 2))
            if u16(offset) == id { return (offset + 4)..<min(offset + 4 + size, start + length) }
            offset += 4 + size
        }
        return nil
    }

    // MARK: - Entries

    private func extract(_ record: CentralRecord) throws -> ZipArchive.Entry {
        let location = FileLocation.entry(record.name, .byte(record.localHeaderOffset))
        guard record.flags & 1 == 0 else {
            throw failure(.unsupportedCompression, location, "entry is encrypted", "re-save without a password, e.g. with np.savez")
        }
        guard record.method == 0 || record.method == 8 else {
            throw failure(
                .unsupportedCompression, location,
                "compression method \(record.method) is not supported (only 0 = stored and 8 = deflate)",
                "re-save with np.savez or np.savez_compressed")
        }
        let header = record.localHeaderOffset
        guard header <= bytes.count - 30, u32(header) == ZipArchive.localHeaderSignature else {
            throw failure(.badArchive, location, "local file header is missing or damaged", saveAgain)
        }
        let dataStart = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard dataStart <= bytes.count, record.compressedSize <= bytes.count - dataStart else {
            throw failure(
                .truncated, location,
                "entry needs \(record.compressedSize) bytes from byte \(dataStart) but the file has \(bytes.count) bytes", saveAgain)
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + record.compressedSize)])
        let data: Data
        if record.method == 0 {
            guard record.compressedSize == record.uncompressedSize else {
                throw failure(
                    .badArchive, location, "stored entry declares \(record.compressedSize) stored but \(record.uncompressedSize) uncompressed bytes", saveAgain)
            }
            data = Data(payload)
        } else {
            do {
                data = try Zlib.inflateRaw(payload, expectedSize: record.uncompressedSize)
            } catch let error as Zlib.Failure {
                throw failure(.badArchive, location, error.message, saveAgain)
            }
        }
        let crc = data.withUnsafeBytes { Zlib.crc32($0) }
        guard crc == record.crc else {
            throw failure(
                .checksumMismatch, location,
                String(format: "CRC-32 of the data is %08x but the archive records %08x (data corrupted)", crc, record.crc), saveAgain)
        }
        return ZipArchive.Entry(name: record.name, data: data)
    }

    // MARK: - Bytes

    private func failure(_ kind: FileErrorKind, _ location: FileLocation, _ problem: String, _ fix: String) -> FileError {
        FileError(kind, file: source, at: location, problem: problem, fix: fix)
    }

    private func int(_ value: UInt64, at offset: Int) throws -> Int {
        guard value <= UInt64(bytes.count) else {
            throw failure(.badArchive, .byte(offset), "size or offset \(value) exceeds the file size \(bytes.count)", saveAgain)
        }
        return Int(value)
    }

    /// Deflate expands at most ~1032:1; a larger declared size is damage (or a zip bomb), not data.
    private func inflatedSize(_ value: UInt64, compressed: UInt64, name: String, at offset: Int) throws -> Int {
        let (limit, overflow) = compressed.multipliedReportingOverflow(by: 1032)
        guard !overflow, value <= limit + 1024, value <= UInt64(Int.max) else {
            throw failure(
                .badArchive, .entry(name, .byte(offset)),
                "declared size \(value) bytes cannot come from \(compressed) compressed bytes", saveAgain)
        }
        return Int(value)
    }

    /// Little-endian reads; callers check bounds first, and out-of-range reads return 0 rather than trapping.
    private func u16(_ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }

    private func u64(_ offset: Int) -> UInt64 {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        return UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
    }
}
