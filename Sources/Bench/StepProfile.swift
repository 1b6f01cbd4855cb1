import Backend
import Foundation
import NN

/// Where a training step's time goes: milliseconds per step and share of the step for each part
/// (each layer's forward pass, each convolution's ReLU mask, backward weights and backward data,
/// every other layer's backward pass, loss, optimizer, batch gathering), with the kernels oneDNN
/// chose for the convolutions. `one-neuron bench --profile` prints it.
public struct StepProfile: Codable, Sendable {
    public struct Part: Codable, Sendable {
        public let name: String
        public let ms_per_step: Double
        public let share: Double
        /// True for the convolution passes (forward, backward weights, backward data).
        public let convolution: Bool
        /// oneDNN's kernel, for convolution passes.
        public let kernel: String?
    }
    public let ms_per_step: Double
    public let parts: [Part]
    /// Step time in no timed part (the clock reads themselves, loop overhead).
    public let untimed_ms_per_step: Double
    /// Share of the step outside the convolution passes.
    public let outside_convolutions_share: Double

    /// From `profile` filled over `steps` steps that took `seconds` in all.
    public init(profile: OpProfile, steps: Int, seconds: Double, model: Sequential, batchSize: Int, backend: DNNLBackend) throws {
        let step = seconds / Double(max(steps, 1))
        // Each convolution's kernels (forward, backward data, backward weights) and the names of its passes.
        var kernels: [String: String] = [:]
        var shape = model.inputShape
        for (index, (layer, out)) in zip(model.layers, model.layerShapes).enumerated() {
            if let conv = layer as? Conv2D {
                let names = try backend.convolutionImplementations(
                    Conv2DConfig(
                        batch: batchSize, height: shape[0], width: shape[1], inChannels: shape[2], outChannels: conv.filters,
                        kernelSize: conv.kernelSize, padding: conv.padding, fuseReLU: conv.activation == .relu))
                kernels["\(conv.name) forward"] = names[0]
                kernels["\(conv.name) backward data"] = names[1]
                // With the ReLU mask of the layer below applied to each chunk as it is written (Sequential.fusesReLUMasks).
                kernels["\(conv.name) backward data + ReLU mask below"] = names[1]
                // With the max pooling above run per chunk inside the passes (Sequential.fusesPoolingIntoConvolutions).
                if let pool = model.layers.dropFirst(index + 1).first as? MaxPooling2D {
                    kernels["\(conv.name) forward + \(pool.name) forward"] = names[0]
                    kernels["\(conv.name) backward weights + bias sums + \(pool.name) backward"] = names[2]
                }
                kernels["\(conv.name) backward weights + bias sums"] = names[2]
                // bf16: with the ReLU mask that the convolution above leaves to it, applied in the bias-sum pass.
                kernels["\(conv.name) backward weights + ReLU mask + bias sums"] = names[2]
            }
            shape = out
        }
        var parts: [Part] = []
        for name in profile.names {
            let ms = profile.seconds(name) / Double(max(steps, 1)) * 1000
            parts.append(Part(name: name, ms_per_step: ms, share: ms / (step * 1000), convolution: kernels[name] != nil, kernel: kernels[name]))
        }
        ms_per_step = step * 1000
        self.parts = parts
        untimed_ms_per_step = ms_per_step - parts.reduce(0) { $0 + $1.ms_per_step }
        outside_convolutions_share = 1 - parts.filter(\.convolution).reduce(0) { $0 + $1.share }
    }

    /// The profile as a table.
    public var text: String {
        let width = max(42, parts.map(\.name.count).max() ?? 0)
        var lines = [
            String(format: "step profile: %.2f ms per step", ms_per_step),
            "  " + "part".padding(toLength: width, withPad: " ", startingAt: 0) + "   ms/step   share  kernel"
        ]
        for p in parts {
            lines.append(
                "  " + p.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: " %9.3f  %5.1f%%  ", p.ms_per_step, 100 * p.share) + (p.kernel ?? ""))
        }
        lines.append(
            "  " + "(untimed)".padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: " %9.3f  %5.1f%%", untimed_ms_per_step, 100 * untimed_ms_per_step / ms_per_step))
        lines.append(String(format: "  outside the convolution passes: %.1f%% of the step", 100 * outside_convolutions_share))
        if parts.contains(where: { $0.convolution && $0.name.contains(" + ") && !$0.name.hasSuffix("bias sums") }) {
            lines.append("  (a convolution pass named \"+ ...\" includes that work: run per chunk inside the pass, not timed apart)")
        }
        return lines.joined(separator: "\n")
    }
}
