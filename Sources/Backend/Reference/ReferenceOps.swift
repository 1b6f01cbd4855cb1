/// Plain-Swift reference implementation of every backend operation, generic over the float type
/// so that tests can run it in Float64 (finite-difference gradient checks) and in Float32
/// (cross-checks against oneDNN). Layouts are those of Kernels.swift: NHWC activations,
/// HWIO convolution weights, [in, out] dense weights, all flat and row-major.
///
/// The array functions validate the config and every array length and throw
/// `ReferenceBackendError` on mismatch. The `Reference*` kernels call the unchecked
/// pointer versions of the same code. Those carry `@_specialize` for Float and Double, so that
/// calls from other modules (where the generic array functions are not specialised) still run
/// the fast concrete loops instead of ~100x slower unspecialised generic code.
public enum ReferenceOps {}

extension ReferenceOps {
    /// Throws unless `array` holds exactly `expected` values.
    static func checkCount<T>(
        _ array: [T], _ expected: Int, argument: String, layout: String,
        operation: String
    ) throws {
        if array.count != expected {
            throw ReferenceBackendError.countMismatch(
                operation: operation, argument: argument,
                expected: expected, actual: array.count, layout: layout)
        }
    }

    /// Throws unless every size of a convolution is positive and the output is not empty.
    static func check(_ c: Conv2DConfig, operation: String) throws {
        func fail(_ reason: String) -> ReferenceBackendError {
            .invalidConfig(operation: operation, config: "Conv2DConfig \(describe(c))", reason: reason)
        }
        let sizes = [
            ("batch", c.batch), ("height", c.height), ("width", c.width),
            ("inChannels", c.inChannels), ("outChannels", c.outChannels), ("kernelSize", c.kernelSize)
        ]
        for (name, value) in sizes where value < 1 {
            throw fail("\(name) is \(value); every size must be at least 1")
        }
        if c.outHeight < 1 || c.outWidth < 1 {
            throw fail(
                "a \(c.kernelSize)x\(c.kernelSize) kernel does not fit a \(c.height)x\(c.width) image "
                    + "with padding 'valid'; use padding 'same' or a kernel of at most \(min(c.height, c.width))")
        }
    }

    /// Throws unless every size of a dense layer is positive.
    static func check(_ c: DenseConfig, operation: String) throws {
        let sizes = [("batch", c.batch), ("inFeatures", c.inFeatures), ("outFeatures", c.outFeatures)]
        for (name, value) in sizes where value < 1 {
            throw ReferenceBackendError.invalidConfig(
                operation: operation,
                config: "DenseConfig(batch: \(c.batch), inFeatures: \(c.inFeatures), outFeatures: \(c.outFeatures))",
                reason: "\(name) is \(value); every size must be at least 1")
        }
    }

    /// Throws unless the pooled output is not empty (height and width at least 2).
    static func check(_ c: MaxPoolConfig, operation: String) throws {
        let sizes = [("batch", c.batch, 1), ("height", c.height, 2), ("width", c.width, 2), ("channels", c.channels, 1)]
        for (name, value, minimum) in sizes where value < minimum {
            throw ReferenceBackendError.invalidConfig(
                operation: operation,
                config: "MaxPoolConfig(batch: \(c.batch), height: \(c.height), width: \(c.width), channels: \(c.channels))",
                reason: "\(name) is \(value); it must be at least \(minimum) for a non-empty 2x2 pooling")
        }
    }

    static func describe(_ c: Conv2DConfig) -> String {
        "(batch: \(c.batch), height: \(c.height), width: \(c.width), inChannels: \(c.inChannels), "
            + "outChannels: \(c.outChannels), kernelSize: \(c.kernelSize), padding: \(c.padding.rawValue), "
            + "fuseReLU: \(c.fuseReLU))"
    }
}
