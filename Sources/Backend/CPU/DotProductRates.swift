import CVectorLoops

/// This CPU's measured float32 FMA and bf16 dot-product rates on one thread, in GFLOP/s. bf16 convolutions can beat
/// float32 ones only where the bf16 instruction does more work per second: about twice the FMA's on AMD Zen 4, half
/// of it on an Intel Xeon without AMX, where bf16 trained the seed CNN at 0.57-0.64x of float32
/// (bench/results/2026-12-07-intel-xeon.md). No CPUID bit tells the two apart, so this measures.
public struct DotProductRates: Sendable, Equatable {
    /// vfmadd...ps zmm: 2 FLOPs per float32 lane.
    public let float32GFLOPs: Double
    /// vdpbf16ps zmm: 4 FLOPs per lane (two bf16 products added to a float32), counted as a convolution counts them.
    public let bf16GFLOPs: Double

    public init(float32GFLOPs: Double, bf16GFLOPs: Double) {
        self.float32GFLOPs = float32GFLOPs
        self.bf16GFLOPs = bf16GFLOPs
    }

    /// Measures both on the calling thread for about `seconds` each (after a short calibration); nil when the CPU
    /// lacks AVX-512 or AVX512_BF16 (then OneNeuron runs no bf16 convolutions).
    public static func measure(seconds: Double = 0.03) -> DotProductRates? {
        var float32 = 0.0, bf16 = 0.0
        guard one_neuron_dot_product_rates(seconds, &float32, &bf16) == 1 else { return nil }
        return DotProductRates(float32GFLOPs: float32, bf16GFLOPs: bf16)
    }

    /// Whether the CPU has AMX for bf16 (oneDNN's bf16 convolutions then run on its tiles, not on vdpbf16ps).
    public static var cpuHasAMX: Bool { one_neuron_cpu_has_amx_bf16() != 0 }

    /// For someone who chose bf16 on a CPU without AMX: a note when the bf16 instruction does less work per second
    /// than the float32 FMA (bf16 convolutions then train slower than float32 ones), nil otherwise.
    public func bf16SlowerNote() -> String? {
        guard bf16GFLOPs < float32GFLOPs else { return nil }
        return String(
            format:
                "note: bf16 will train slower than fp32 on this CPU: its bf16 dot product (vdpbf16ps) did %.0f GFLOP/s against %.0f for the float32 FMA (measured just now, one thread) and it has no AMX; results are valid, but the default fp32 is faster here (on an Intel Xeon with these rates, bf16 trained the seed CNN at 0.57-0.64x of fp32)",
            bf16GFLOPs, float32GFLOPs)
    }
}
