import CZlib

/// Failure while encoding a PNG.
public struct PNGEncodingError: Error, CustomStringConvertible {
    public let description: String
}

/// Encodes 8-bit RGB or RGBA images as PNG (zlib deflate via CZlib, CRC-32 via zlib's crc32).
public enum PNGEncoder {
    public static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// PNG bytes for `image`; `alpha` false writes colour type 2 (RGB), true type 6 (RGBA).
    public static func encode(_ image: RasterImage, alpha: Bool = false) throws -> [UInt8] {
        try encode(width: image.width, height: image.height, rgba: image.pixels, alpha: alpha)
    }

    /// PNG bytes for RGBA pixel data (4 bytes per pixel, rows top to bottom).
    public static func encode(width: Int, height: Int, rgba: [UInt8], alpha: Bool = false) throws -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw PNGEncodingError(description: "PNG: image size \(width)x\(height) is invalid; width and height must be between 1 and 2^31-1")
        }
        guard rgba.count == width * height * 4 else {
            throw PNGEncodingError(description: "PNG: expected \(width * height * 4) RGBA bytes for \(width)x\(height), got \(rgba.count)")
        }
        let channels = alpha ? 4 : 3
        var header: [UInt8] = []
        append32(&header, UInt32(width))
        append32(&header, UInt32(height))
        header += [8, alpha ? 6 : 2, 0, 0, 0] // bit depth, colour type, compression, filter, interlace

        let compressed = try deflate(filteredScanlines(width: width, height: height, rgba: rgba, channels: channels))
        var png = signature
        appendChunk(&png, type: "IHDR", data: header)
        appendChunk(&png, type: "IDAT", data: compressed)
        appendChunk(&png, type: "IEND", data: [])
        return png
    }

    /// Rows prefixed by their filter byte; each row uses the filter (None, Sub, Up, Average,
    /// Paeth) with the smallest sum of absolute residuals.
    static func filteredScanlines(width: Int, height: Int, rgba: [UInt8], channels: Int) -> [UInt8] {
        let stride = width * channels
        var output: [UInt8] = []
        output.reserveCapacity((stride + 1) * height)
        var previous = [UInt8](repeating: 0, count: stride)
        var current = [UInt8](repeating: 0, count: stride)
        var candidate = [UInt8](repeating: 0, count: stride)
        var best = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { current[x * channels + c] = rgba[(y * width + x) * 4 + c] }
            }
            var bestFilter: UInt8 = 0
            var bestScore = Int.max
            for filter in UInt8(0)...4 {
                var score = 0
                for i in 0..<stride {
                    let left = i >= channels ? current[i - channels] : 0
                    let up = previous[i]
                    let upLeft = i >= channels ? previous[i - channels] : 0
                    let predictor: UInt8
                    switch filter {
                    case 1: predictor = left
                    case 2: predictor = up
                    case 3: predictor = UInt8((Int(left) + Int(up)) / 2)
                    case 4: predictor = paeth(left, up, upLeft)
                    default: predictor = 0
                    }
                    let residual = current[i] &- predictor
                    candidate[i] = residual
                    score += residual < 128 ? Int(residual) : 256 - Int(residual)
                }
                if score < bestScore {
                    bestScore = score
                    bestFilter = filter
                    swap(&best, &candidate)
                }
            }
            output.append(bestFilter)
            output += best
            swap(&previous, &current)
        }
        return output
    }

    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// A zlib stream (as IDAT requires) of `data`, via zlib's compress2 at level 9.
    static func deflate(_ data: [UInt8]) throws -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = data.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &length, source.baseAddress, uLong(data.count), 9)
            }
        }
        guard status == Z_OK else {
            throw PNGEncodingError(description: "PNG: zlib compress2 failed with status \(status)")
        }
        return Array(output.prefix(Int(length)))
    }

    /// zlib's CRC-32 of the bytes.
    public static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }

    static func appendChunk(_ png: inout [UInt8], type: String, data: [UInt8]) {
        append32(&png, UInt32(data.count))
        let typed = Array(type.utf8) + data
        png += typed
        append32(&png, crc(typed))
    }

    static func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 255), UInt8((value >> 8) & 255), UInt8(value & 255)]
    }
}
