import CZlib
import Foundation

/// Raw deflate streams (no zlib/gzip wrapper: windowBits -15, as ZIP stores them) and CRC-32.
enum Zlib {
    /// Why a stream could not be inflated or deflated.
    struct Failure: Error {
        let message: String
    }

    /// Largest chunk zlib's 32-bit length fields accept at once.
    private static let maxChunk = Int(UInt32.max)

    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var offset = 0
        while offset < bytes.count {
            let length = min(maxChunk, bytes.count - offset)
            crc = CZlib.crc32(crc, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Compresses `bytes` into a raw deflate stream at zlib's default level (as Python's zipfile does).
    static func deflateRaw(_ bytes: UnsafeRawBufferPointer) throws -> Data {
        var stream = z_stream()
        var rc = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw Failure(message: "zlib deflateInit2 failed with code \(rc)") }
        defer { deflateEnd(&stream) }

        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var given = 0
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = 0
        repeat {
            if stream.avail_in == 0 && given < bytes.count {
                let length = min(maxChunk, bytes.count - given)
                stream.avail_in = uInt(length)
                given += length
            }
            let flush = given == bytes.count ? Z_FINISH : Z_NO_FLUSH
            let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                rc = deflate(&stream, flush)
                return out.count - Int(stream.avail_out)
            }
            guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                throw Failure(message: "zlib deflate failed with code \(rc)")
            }
            output.append(buffer, count: produced)
        } while rc != Z_STREAM_END
        return output
    }

    /// Decompresses a raw deflate stream that must expand to exactly `expectedSize` bytes.
    static func inflateRaw(_ bytes: UnsafeRawBufferPointer, expectedSize: Int) throws -> Data {
        var stream = z_stream()
        var rc = inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw Failure(message: "zlib inflateInit2 failed with code \(rc)") }
        defer { inflateEnd(&stream) }

        var output = Data(count: expectedSize)
        var produced = 0
        var consumed = 0
        let spare = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { spare.deallocate() }
        try output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = 0
            while true {
                if stream.avail_in == 0 && consumed < bytes.count {
                    let length = min(maxChunk, bytes.count - consumed)
                    stream.avail_in = uInt(length)
                    consumed += length
                }
                let room = min(maxChunk, expectedSize - produced)
                if room > 0 {
                    stream.next_out = out.baseAddress!.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(room)
                } else {
                    // All declared bytes arrived; give one spare byte to detect a longer stream.
                    stream.next_out = spare
                    stream.avail_out = 1
                }
                let before = Int(stream.avail_out)
                rc = inflate(&stream, Z_NO_FLUSH)
                let wrote = before - Int(stream.avail_out)
                if room == 0 && wrote > 0 {
                    throw Failure(message: "compressed data expands to more than the declared \(expectedSize) bytes")
                }
                produced += wrote
                if rc == Z_STREAM_END { break }
                if rc == Z_DATA_ERROR { throw Failure(message: "compressed data is corrupt (\(String(cString: stream.msg)))") }
                guard rc == Z_OK || rc == Z_BUF_ERROR else { throw Failure(message: "zlib inflate failed with code \(rc)") }
                if rc == Z_BUF_ERROR && stream.avail_in == 0 && consumed == bytes.count {
                    throw Failure(message: "compressed data ends early after \(produced) of \(expectedSize) bytes")
                }
            }
        }
        guard produced == expectedSize else {
            throw Failure(message: "compressed data expands to \(produced) bytes but the archive declares \(expectedSize)")
        }
        return output
    }
}
