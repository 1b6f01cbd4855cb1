import Diagnostics
import Foundation

/// A minimal ZIP archive codec, enough for numpy's `.npz`: entries stored (method 0) or
/// deflated (method 8), CRC-32 checked, ZIP64 sizes and offsets on read and write.
/// No encryption, no multi-disk archives.
public enum ZipArchive {
    /// One file in the archive.
    public struct Entry: Equatable, Sendable {
        public let name: String
        public let data: Data

        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64ExtraID: UInt16 = 0x0001
    /// 1980-01-01 00:00 in MS-DOS date/time: fixed, so equal inputs give equal archives.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// Reads the entries of an archive, in central-directory order; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws -> [Entry] {
        try data.withUnsafeBytes { try ZipArchiveReader(bytes: $0, source: source).entries() }
    }

    /// Builds an archive; `compressed` deflates every entry. ZIP64 records are written where a
    /// size or offset needs them, or everywhere when `forceZip64` is set.
    public static func encode(_ entries: [Entry], compressed: Bool, forceZip64: Bool = false, source: String = "archive") throws -> Data {
        var seen = Set<String>()
        for entry in entries {
            guard !entry.name.isEmpty, !entry.name.hasPrefix("/"), !entry.name.contains("\0"), entry.name.utf8.count <= 0xFFFF else {
                throw FileError(
                    .invalidName, file: source, at: .entry(String(entry.name.prefix(80)), .wholeFile),
                    problem: "entry name is empty, absolute, longer than 65535 bytes or holds a NUL byte",
                    fix: "use a plain relative name such as 'weights'")
            }
            guard seen.insert(entry.name).inserted else {
                throw FileError(
                    .duplicateName, file: source, at: .entry(String(entry.name), .wholeFile),
                    problem: "two entries have the same name", fix: "give every array a distinct name")
            }
        }
        var out = Data()
        var central = Data()
        for entry in entries {
            let offset = out.count
            let name = Array(entry.name.utf8)
            let (crc, payload): (UInt32, Data) = try entry.data.withUnsafeBytes { raw in
                let crc = Zlib.crc32(raw)
                guard compressed else { return (crc, entry.data) }
                do {
                    return (crc, try Zlib.deflateRaw(raw))
                } catch let failure as Zlib.Failure {
                    throw FileError(
                        .badArchive, file: source, at: .entry(String(entry.name), .wholeFile), problem: failure.message,
                        fix: "retry; zlib could not compress the data")
                }
            }
            let sizes = (uncompressed: UInt64(entry.data.count), compressed: UInt64(payload.count))
            let zip64 = forceZip64 || sizes.uncompressed >= 0xFFFF_FFFF || sizes.compressed >= 0xFFFF_FFFF || offset >= 0xFFFF_FFFF
            let flags: UInt16 = entry.name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
            let method: UInt16 = compressed ? 8 : 0
            let version: UInt16 = zip64 ? 45 : 20

            var local = ByteWriter()
            local.u32(localHeaderSignature)
            local.u16(version); local.u16(flags); local.u16(method); local.u16(dosTime); local.u16(dosDate)
            local.u32(crc)
            local.u32(zip64 ? 0xFFFF_FFFF : UInt32(sizes.compressed))
            local.u32(zip64 ? 0xFFFF_FFFF : UInt32(sizes.uncompressed))
            local.u16(UInt16(name.count)); local.u16(zip64 ? 20 : 0)
            local.bytes(name)
            if zip64 {
                local.u16(zip64ExtraID); local.u16(16)
                local.u64(sizes.uncompressed); local.u64(sizes.compressed)
            }
            out.append(contentsOf: local.data)
            out.append(payload)

            var extra = ByteWriter()
            if zip64 {
                extra.u16(zip64ExtraID); extra.u16(24)
                extra.u64(sizes.uncompressed); extra.u64(sizes.compressed); extra.u64(UInt64(offset))
            }
            var header = ByteWriter()
            header.u32(centralHeaderSignature)
            header.u16(0x0300 | version)  // made by: Unix
            header.u16(version); header.u16(flags); header.u16(method); header.u16(dosTime); header.u16(dosDate)
            header.u32(crc)
            header.u32(zip64 ? 0xFFFF_FFFF : UInt32(sizes.compressed))
            header.u32(zip64 ? 0xFFFF_FFFF : UInt32(sizes.uncompressed))
            header.u16(UInt16(name.count)); header.u16(UInt16(extra.data.count)); header.u16(0)  // comment length
            header.u16(0); header.u16(0)  // disk number, internal attributes
            header.u32(0o100644 << 16)  // external attributes: regular file rw-r--r--
            header.u32(zip64 ? 0xFFFF_FFFF : UInt32(offset))
            header.bytes(name)
            header.bytes(extra.data)
            central.append(contentsOf: header.data)
        }

        let centralOffset = out.count
        out.append(central)
        let count = entries.count
        let zip64End = forceZip64 || count >= 0xFFFF || central.count >= 0xFFFF_FFFF || centralOffset >= 0xFFFF_FFFF
        var end = ByteWriter()
        if zip64End {
            let recordOffset = out.count
            end.u32(zip64EndSignature)
            end.u64(44)  // size of the rest of this record
            end.u16(0x0300 | 45); end.u16(45)
            end.u32(0); end.u32(0)
            end.u64(UInt64(count)); end.u64(UInt64(count))
            end.u64(UInt64(central.count)); end.u64(UInt64(centralOffset))
            end.u32(zip64LocatorSignature)
            end.u32(0); end.u64(UInt64(recordOffset)); end.u32(1)
        }
        end.u32(endSignature)
        end.u16(0); end.u16(0)
        end.u16(zip64End ? 0xFFFF : UInt16(count)); end.u16(zip64End ? 0xFFFF : UInt16(count))
        end.u32(zip64End ? 0xFFFF_FFFF : UInt32(central.count))
        end.u32(zip64End ? 0xFFFF_FFFF : UInt32(centralOffset))
        end.u16(0)  // comment length
        out.append(contentsOf: end.data)
        return out
    }
}

/// Appends little-endian integers and bytes.
struct ByteWriter {
    private(set) var data: [UInt8] = []

    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func bytes(_ v: [UInt8]) { data.append(contentsOf: v) }
}
