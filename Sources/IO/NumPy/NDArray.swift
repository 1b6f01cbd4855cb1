import Tensor

/// A typed n-dimensional array, row-major (C order), as stored in a `.npy` file.
/// Unlike `Tensor` (always float32) it keeps the element type, so integer labels and
/// boolean masks survive a round trip through numpy unchanged.
public struct NDArray: Equatable, Sendable {
    /// The element values, typed; the count equals `shape.product`.
    public enum Storage: Equatable, Sendable {
        case float32([Float])
        case float64([Double])
        case int32([Int32])
        case int64([Int64])
        case bool([Bool])

        /// Number of values.
        public var count: Int {
            switch self {
            case .float32(let v): return v.count
            case .float64(let v): return v.count
            case .int32(let v): return v.count
            case .int64(let v): return v.count
            case .bool(let v): return v.count
            }
        }

        /// The numpy dtype string this storage is written as ('<f4', '<f8', '<i4', '<i8', '|b1').
        public var numpyDescriptor: String {
            switch self {
            case .float32: return "<f4"
            case .float64: return "<f8"
            case .int32: return "<i4"
            case .int64: return "<i8"
            case .bool: return "|b1"
            }
        }

        /// Bytes per value in the file.
        public var bytesPerValue: Int {
            switch self {
            case .float32, .int32: return 4
            case .float64, .int64: return 8
            case .bool: return 1
            }
        }
    }

    /// Size of each axis; `[]` for a 0-d (scalar) array.
    public let shape: [Int]
    /// The typed values in row-major order.
    public let storage: Storage

    /// Wraps `storage` with `shape`; throws `TensorError` when a size is negative or the counts disagree.
    public init(shape: [Int], storage: Storage) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidShape(shape, reason: "negative axis size")
        }
        guard shape.product == storage.count else {
            throw TensorError.countMismatch(shape: shape, count: storage.count)
        }
        self.shape = shape
        self.storage = storage
    }

    /// Checked by precondition: the convenience initialisers are for values the caller built itself.
    init(checkedShape shape: [Int], storage: Storage) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis size in \(shape)")
        precondition(
            shape.product == storage.count,
            "shape \(shape) holds \(shape.product) values but \(storage.count) were given")
        self.shape = shape
        self.storage = storage
    }

    /// A float32 array; `float32.count` must equal `shape.product` (precondition).
    public init(shape: [Int], float32: [Float]) {
        self.init(checkedShape: shape, storage: .float32(float32))
    }

    /// A float64 array; `float64.count` must equal `shape.product` (precondition).
    public init(shape: [Int], float64: [Double]) {
        self.init(checkedShape: shape, storage: .float64(float64))
    }

    /// An int64 array; `int64.count` must equal `shape.product` (precondition).
    public init(shape: [Int], int64: [Int64]) {
        self.init(checkedShape: shape, storage: .int64(int64))
    }

    /// An int32 array; `int32.count` must equal `shape.product` (precondition).
    public init(shape: [Int], int32: [Int32]) {
        self.init(checkedShape: shape, storage: .int32(int32))
    }

    /// A boolean array; `bool.count` must equal `shape.product` (precondition).
    public init(shape: [Int], bool: [Bool]) {
        self.init(checkedShape: shape, storage: .bool(bool))
    }

    /// Number of values.
    public var count: Int { storage.count }

    /// The values as Float (int64 beyond 2^24 and float64 round to the nearest float; true is 1).
    public func asFloats() -> [Float] {
        switch storage {
        case .float32(let v): return v
        case .float64(let v): return v.map { Float($0) }
        case .int32(let v): return v.map { Float($0) }
        case .int64(let v): return v.map { Float($0) }
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        }
    }

    /// The values as Double (int64 beyond 2^53 rounds to the nearest double; true is 1).
    public func asDoubles() -> [Double] {
        switch storage {
        case .float32(let v): return v.map { Double($0) }
        case .float64(let v): return v
        case .int32(let v): return v.map { Double($0) }
        case .int64(let v): return v.map { Double($0) }
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        }
    }
}
