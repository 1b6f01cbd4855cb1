/// A batch of activations in a plain row-major buffer: `batchSize` samples of `sampleShape`
/// (NHWC for images). Layers read their input and write their output through these views.
public struct Activations {
    public let pointer: UnsafeMutablePointer<Float>
    public let batchSize: Int
    public let sampleShape: [Int]

    public init(pointer: UnsafeMutablePointer<Float>, batchSize: Int, sampleShape: [Int]) {
        self.pointer = pointer
        self.batchSize = batchSize
        self.sampleShape = sampleShape
    }

    /// Values per sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }
    /// Total number of values.
    public var count: Int { batchSize * sampleSize }
    /// The values as a buffer.
    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
