import Foundation

/// The element types `.npy` reading understands, each mapped to the `NDArray.Storage` that holds
/// it without loss: float16 widens to float32; 8/16-bit integers and uint16 to int32; uint32 to int64.
enum NPYElementType: String, CaseIterable {
    case float16 = "f2", float32 = "f4", float64 = "f8"
    case int8 = "i1", int16 = "i2", int32 = "i4", int64 = "i8"
    case uint8 = "u1", uint16 = "u2", uint32 = "u4"
    case bool = "b1"

    var byteCount: Int { Int(rawValue.dropFirst())! }

    /// Outcome of interpreting a `descr` string.
    enum Interpretation {
        case supported(NPYElementType)
        /// Not readable; `problem` says why and `fix` how to re-save it.
        case unsupported(problem: String, fix: String)
    }

    /// Interprets a numpy type string such as "<f4", "|b1", ">f8", "<U3" or "|O".
    static func interpret(_ descr: String) -> Interpretation {
        let chars = Array(descr)
        let order = chars.first ?? " "
        let code = String(chars.dropFirst())
        let typeName = code.isEmpty ? descr : code
        guard "<>|=".contains(order), !code.isEmpty else {
            return .unsupported(problem: "dtype '\(descr)' is not a numpy type string", fix: "re-save with x.astype('<f4') (or '<f8', '<i8', '|b1')")
        }
        if let type = NPYElementType(rawValue: code) {
            let multiByte = type.byteCount > 1
            if multiByte && order == ">" {
                return .unsupported(
                    problem: "dtype '\(descr)' is big-endian; only little-endian ('<') data is read",
                    fix: "re-save with x.astype('<\(code)')")
            }
            if multiByte && order == "|" {
                return .unsupported(problem: "dtype '\(descr)' has no byte order", fix: "re-save with x.astype('<\(code)')")
            }
            if multiByte && order == "=" && !isLittleEndianHost {
                return .unsupported(problem: "dtype '\(descr)' is native-order on a big-endian machine", fix: "re-save with x.astype('<\(code)')")
            }
            return .supported(type)
        }
        switch code.first {
        case "U", "S", "a":
            return .unsupported(
                problem: "dtype '\(descr)' holds strings, not numbers",
                fix: "convert to numbers before saving (e.g. x.astype('<f4')), or write text to a CSV file")
        case "O":
            return .unsupported(
                problem: "dtype '\(descr)' holds Python objects (pickled)",
                fix: "re-save a numeric array, e.g. np.save(path, np.asarray(x, dtype='<f8'))")
        case "u" where code == "u8":
            return .unsupported(
                problem: "dtype '\(descr)' (uint64) cannot be held without loss",
                fix: "re-save with x.astype('<i8') if the values fit in int64")
        case "c":
            return .unsupported(problem: "dtype '\(descr)' is complex", fix: "save the real and imaginary parts as separate '<f8' arrays")
        default:
            return .unsupported(
                problem: "dtype '\(descr)' (\(typeName)) is not supported; readable types are float16/32/64, int8/16/32/64, uint8/16/32 and bool",
                fix: "re-save with np.ascontiguousarray(x).astype('<f4') (or '<f8', '<i8', '|b1')")
        }
    }

    static var isLittleEndianHost: Bool {
        #if _endian(little)
        return true
        #else
        return false
        #endif
    }

    /// Decodes `count` little-endian values from `bytes` (which holds exactly `count * byteCount` bytes).
    func decode(_ bytes: UnsafeRawBufferPointer, count: Int) -> NDArray.Storage {
        switch self {
        case .float32: return .float32(Self.load(bytes, count: count, as: UInt32.self).map { Float(bitPattern: $0) })
        case .float64: return .float64(Self.load(bytes, count: count, as: UInt64.self).map { Double(bitPattern: $0) })
        case .float16: return .float32(Self.load(bytes, count: count, as: UInt16.self).map { Float(Float16(bitPattern: $0)) })
        case .int32: return .int32(Self.load(bytes, count: count, as: Int32.self))
        case .int64: return .int64(Self.load(bytes, count: count, as: Int64.self))
        case .int8: return .int32(Self.load(bytes, count: count, as: Int8.self).map { Int32($0) })
        case .int16: return .int32(Self.load(bytes, count: count, as: Int16.self).map { Int32($0) })
        case .uint8: return .int32(Self.load(bytes, count: count, as: UInt8.self).map { Int32($0) })
        case .uint16: return .int32(Self.load(bytes, count: count, as: UInt16.self).map { Int32($0) })
        case .uint32: return .int64(Self.load(bytes, count: count, as: UInt32.self).map { Int64($0) })
        case .bool: return .bool(Self.load(bytes, count: count, as: UInt8.self).map { $0 != 0 })
        }
    }

    /// Copies little-endian integers out of possibly unaligned bytes.
    static func load<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, count: Int, as: T.Type) -> [T] {
        guard count > 0 else { return [] }
        var values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<(count * MemoryLayout<T>.size)]))
            initialized = count
        }
        if !isLittleEndianHost {
            for i in values.indices { values[i] = T(littleEndian: values[i]) }
        }
        return values
    }
}

extension NDArray.Storage {
    /// The values as little-endian bytes, as a `.npy` file stores them.
    var littleEndianBytes: Data {
        switch self {
        case .float32(let v): return Self.bytes(of: v.map(\.bitPattern))
        case .float64(let v): return Self.bytes(of: v.map(\.bitPattern))
        case .int32(let v): return Self.bytes(of: v)
        case .int64(let v): return Self.bytes(of: v)
        case .bool(let v): return Data(v.map { $0 ? 1 : 0 })
        }
    }

    private static func bytes<T: FixedWidthInteger>(of values: [T]) -> Data {
        let ordered = NPYElementType.isLittleEndianHost ? values : values.map(\.littleEndian)
        return ordered.withUnsafeBytes { Data($0) }
    }
}
