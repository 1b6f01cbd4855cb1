import Tensor

// The bridge between the two array types lives here, in IO, because IO depends on Tensor and not
// the other way round: Tensor stays the bare storage type every layer uses, IO (file formats,
// no training knowledge) may know it, and neither needs NN, Training or oneDNN. A module that
// reads or writes tensors imports IO and gets the bridge with it.
extension NDArray {
    /// A float32 array with the tensor's shape and values.
    public init(_ tensor: Tensor) {
        self.init(checkedShape: tensor.shape, storage: .float32(tensor.scalars))
    }

    /// A float32 tensor of the same shape, converting values as `asFloats()` does.
    public func tensor() -> Tensor {
        // Shape and count were validated when this array was made.
        try! Tensor(shape: shape, scalars: asFloats())
    }
}
