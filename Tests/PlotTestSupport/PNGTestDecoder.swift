import CZlib
import Foundation

/// A minimal PNG reader for the tests: checks the signature and every chunk CRC (zlib crc32),
/// reads IHDR, inflates IDAT with zlib and undoes the five scanline filters.
public struct DecodedPNG {
    public var width = 0
    public var height = 0
    public var bitDepth = 0
    public var colorType = 0
    public var chunkTypes: [String] = []
    /// Bytes per pixel (3 for RGB, 4 for RGBA).
    public var channels = 0
    public var pixels: [UInt8] = []

    /// The red, green and blue bytes of one pixel.
    public func rgb(x: Int, y: Int) -> [UInt8] {
        let i = (y * width + x) * channels
        return Array(pixels[i..<i + 3])
    }

    /// Why a PNG did not decode.
    public enum Failure: Error { case bad(String) }

    public init(_ png: [UInt8]) throws {
        guard png.count > 8, Array(png[0..<8]) == [137, 80, 78, 71, 13, 10, 26, 10] else { throw Failure.bad("signature") }
        func be32(_ i: Int) -> Int { Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        var offset = 8
        var idat: [UInt8] = []
        while offset + 12 <= png.count {
            let length = be32(offset)
            guard offset + 12 + length <= png.count else { throw Failure.bad("truncated chunk") }
            let typeAndData = Array(png[(offset + 4)..<(offset + 8 + length)])
            let stored = UInt32(be32(offset + 8 + length))
            let computed = typeAndData.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            guard stored == computed else { throw Failure.bad("CRC mismatch") }
            let type = String(decoding: typeAndData[0..<4], as: UTF8.self)
            chunkTypes.append(type)
            let data = Array(typeAndData[4...])
            if type == "IHDR" {
                width = be32(offset + 8)
                height = be32(offset + 12)
                bitDepth = Int(data[8])
                colorType = Int(data[9])
            } else if type == "IDAT" {
                idat += data
            }
            offset += 12 + length
        }
        channels = colorType == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var rawLength = uLong(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { input in uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count)) }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Failure.bad("inflate status \(status), \(rawLength) bytes") }
        pixels = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for i in 0..<stride {
                let value = raw[y * (stride + 1) + 1 + i]
                let left = i >= channels ? Int(pixels[y * stride + i - channels]) : 0
                let up = y > 0 ? Int(pixels[(y - 1) * stride + i]) : 0
                let upLeft = (y > 0 && i >= channels) ? Int(pixels[(y - 1) * stride + i - channels]) : 0
                var predictor = 0
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let p = left + up - upLeft
                    let pa = abs(p - left), pb = abs(p - up), pc = abs(p - upLeft)
                    predictor = (pa <= pb && pa <= pc) ? left : (pb <= pc ? up : upLeft)
                default: throw Failure.bad("filter \(filter)")
                }
                pixels[y * stride + i] = UInt8((Int(value) + predictor) & 255)
            }
        }
    }
}
