/// SHA-1 (FIPS 180-4), enough to check git blob ids; not for security.
public struct SHA1: Sendable {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() { buffer.reserveCapacity(64) }

    /// Feeds more bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { chunk in
            var i = 0
            while i < chunk.count {
                if buffer.isEmpty && chunk.count - i >= 64 {
                    compress(chunk.baseAddress! + i)
                    i += 64
                    length &+= 64
                } else {
                    buffer.append(chunk[i])
                    i += 1
                    length &+= 1
                    flushIfFull()
                }
            }
        }
        if done == nil {
            for byte in bytes {
                buffer.append(byte)
                length &+= 1
                flushIfFull()
            }
        }
    }

    private mutating func flushIfFull() {
        guard buffer.count == 64 else { return }
        let block = buffer
        block.withUnsafeBufferPointer { compress($0.baseAddress!) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The 20-byte digest as 40 lowercase hex digits.
    public mutating func finalize() -> String {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { t in
            for start in stride(from: 0, to: t.count, by: 64) { compress(t.baseAddress! + start) }
        }
        buffer.removeAll()
        return [h.0, h.1, h.2, h.3, h.4].map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// SHA-1 of `bytes` in hex.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var sha = SHA1()
        sha.update(bytes)
        return sha.finalize()
    }

    /// Git's blob id of a file's content: SHA-1 of "blob <size>\0" followed by the bytes.
    public static func gitBlobID<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var sha = SHA1()
        sha.update(Array("blob \(bytes.count)".utf8) + [0])
        sha.update(bytes)
        return sha.finalize()
    }

    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        var w = (
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0)
        )
        withUnsafeMutableBytes(of: &w) { raw in
            let words = raw.bindMemory(to: UInt32.self)
            for t in 0..<16 {
                words[t] = UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16 | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
            }
        }
        var state = h
        withUnsafeMutableBytes(of: &w) { raw in SHA1.rounds(raw.bindMemory(to: UInt32.self), &state) }
        h = (h.0 &+ state.0, h.1 &+ state.1, h.2 &+ state.2, h.3 &+ state.3, h.4 &+ state.4)
    }

    /// The 80 rounds on one block's 16 words, the message schedule kept in a rolling window.
    private static func rounds(_ w: UnsafeMutableBufferPointer<UInt32>, _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32)) {
        var (a, b, c, d, e) = state
        for t in 0..<80 {
            let word: UInt32
            if t < 16 {
                word = w[t]
            } else {
                word = rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1)
                w[t & 15] = word
            }
            let f: UInt32, k: UInt32
            switch t {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
            default: f = b ^ c ^ d; k = 0xCA62_C1D6
            }
            let temp = rotl(a, 5) &+ f &+ e &+ k &+ word
            e = d; d = c; c = rotl(b, 30); b = a; a = temp
        }
        state = (a, b, c, d, e)
    }

    private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}
