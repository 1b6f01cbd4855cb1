/// A dense float32 array with a shape, stored row-major (C order). Images are NHWC
/// (channels last), as in Keras. `Tensor` is a value type: copies share storage until
/// one of them is written (copy-on-write of the underlying Swift array).
public struct Tensor: Sendable, Equatable {
    /// Size of each axis; the first axis is the batch/sample axis where that applies.
    public private(set) var shape: [Int]
    /// The values in row-major order; `scalars.count == shape.product`.
    public var scalars: [Float]

    /// Wraps `scalars` with `shape`; throws when the counts disagree.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidShape(shape, reason: "negative axis size")
        }
        guard shape.reduce(1, *) == scalars.count else {
            throw TensorError.countMismatch(shape: shape, count: scalars.count)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis size in \(shape)")
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// Number of values.
    public var count: Int { scalars.count }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// Values per sample: the product of all axes but the first.
    public var sampleSize: Int { shape.dropFirst().reduce(1, *) }
    /// Number of samples (size of the first axis; 1 for a scalar).
    public var sampleCount: Int { shape.first ?? 1 }

    /// The same values with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// Samples `indices` (along the first axis), in that order.
    public func gatherSamples(_ indices: [Int]) -> Tensor {
        let size = sampleSize
        var out = [Float](repeating: 0, count: indices.count * size)
        scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < sampleCount, "sample index \(index) out of 0..<\(sampleCount)")
                    let from = src.baseAddress! + index * size
                    (dst.baseAddress! + row * size).update(from: from, count: size)
                }
            }
        }
        var newShape = shape
        newShape[0] = indices.count
        return try! Tensor(shape: newShape, scalars: out)
    }

    /// Samples `range` (along the first axis).
    public func samples(_ range: Range<Int>) -> Tensor {
        let size = sampleSize
        var newShape = shape
        newShape[0] = range.count
        return try! Tensor(shape: newShape, scalars: Array(scalars[(range.lowerBound * size)..<(range.upperBound * size)]))
    }

    /// Throws `TensorError.shapeMismatch` naming `context` unless `shape == expected`
    /// (`nil` entries in `expected` match any size).
    public func expectShape(_ expected: [Int?], context: String) throws {
        let matches = expected.count == shape.count && zip(expected, shape).allSatisfy { $0 == nil || $0 == $1 }
        if !matches { throw TensorError.shapeMismatch(expected: expected, actual: shape, context: context) }
    }
}
