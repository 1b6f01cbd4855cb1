import Backend

/// The activation applied after a Conv2D or Dense layer's affine map (Keras' `activation=`),
/// with the scratch buffer its backward needs. ReLU after a convolution is fused into the
/// oneDNN kernel; any other activation runs in place on the output.
final class FusedActivation {
    let activation: Activation
    private var kernels = KernelCache<any ActivationKernel>()
    /// Gradient with respect to the pre-activation output.
    let preActivationGradient = FloatBuffer()

    init(_ activation: Activation) { self.activation = activation }

    private func kernel(count: Int, backend: any ComputeBackend) throws -> any ActivationKernel {
        try kernels.kernel(for: count) { try backend.activation(activation, count: count) }
    }

    /// Applies the activation in place (skip when it was fused into the producing kernel).
    func forwardInPlace(_ output: Activations, backend: any ComputeBackend) throws {
        guard activation != .linear else { return }
        try kernel(count: output.count, backend: backend).forward(input: output.pointer, output: output.pointer)
    }

    /// Returns dLoss/d(pre-activation) given the forward output and dLoss/dOutput.
    func backward(output: Activations, gradOutput: Activations, backend: any ComputeBackend) throws -> UnsafePointer<Float> {
        guard activation != .linear else { return UnsafePointer(gradOutput.pointer) }
        preActivationGradient.reserve(output.count)
        try kernel(count: output.count, backend: backend)
            .backward(output: output.pointer, gradOutput: gradOutput.pointer, gradInput: preActivationGradient.pointer)
        return UnsafePointer(preActivationGradient.pointer)
    }
}
