import CDNNL
import Diagnostics

/// The instruction set oneDNN's JIT kernels use. oneDNN picks the best one the CPU has (AVX2,
/// AVX-512, AVX-512 with VNNI/bf16, AMX), and each has its own kernels and summation orders, so
/// results are the same bits for any thread count on one machine but may differ between machines
/// with different ISAs. Portable mode caps oneDNN at AVX2, which every x86-64 CPU OneNeuron
/// targets has: then the same kernels run everywhere (`ONEDNN_MAX_CPU_ISA=AVX2` does the same).
public enum CPUISA {
    /// oneDNN's name of the instruction set its kernels use in this process (e.g. "avx2", "avx512_core_bf16").
    public static var effective: String { name(dnnl_get_effective_cpu_isa()) }

    /// Caps oneDNN at AVX2 for the rest of the process. Must run before the first oneDNN call
    /// (oneDNN fixes its ISA on first use) unless the process already runs AVX2 kernels (e.g.
    /// `ONEDNN_MAX_CPU_ISA=AVX2`); throws if it is too late or the CPU lacks AVX2.
    public static func enterPortableMode() throws {
        let capped = dnnl_set_max_cpu_isa(dnnl_cpu_isa_avx2) == dnnl_success
        let now = dnnl_get_effective_cpu_isa()
        guard capped || now == dnnl_cpu_isa_avx2 else {
            throw SettingError.settingsConflict(
                [.portable],
                problem: "portable mode must be chosen before oneDNN's first use in this process (oneDNN fixes its instruction set then, here \(name(now)))",
                fix: "start a new process with \(.portable), or set ONEDNN_MAX_CPU_ISA=AVX2")
        }
        guard now == dnnl_cpu_isa_avx2 else {
            throw SettingError.settingsConflict(
                [.portable], problem: "portable mode runs oneDNN's AVX2 kernels, but this CPU offers \(name(now)) only",
                fix: "leave \(.portable) off on this machine")
        }
    }

    /// Throws unless oneDNN runs native bf16 kernels in this process (AVX512_BF16 or AMX, and no cap
    /// below it such as portable mode or ONEDNN_MAX_CPU_ISA=AVX2): elsewhere oneDNN would emulate
    /// bf16 slower than float32.
    public static func requireNativeBF16() throws {
        let isa = dnnl_get_effective_cpu_isa()
        guard isa == dnnl_cpu_isa_avx512_core_bf16 || isa == dnnl_cpu_isa_avx512_core_amx else {
            throw SettingError.settingsConflict(
                [.precision],
                problem:
                    "bf16 \(.precision) needs a CPU with AVX512_BF16 (oneDNN's native bf16 convolutions); oneDNN runs \(name(isa)) here (a cap such as \(.portable) or ONEDNN_MAX_CPU_ISA lowers it)",
                fix: "set \(.precision) to fp32 on this machine")
        }
    }

    /// Throws unless oneDNN can run Winograd convolutions in this process: float32 on AVX-512
    /// (oneDNN 2.6's `jit_wino_4x3` kernels; none for AVX2 or bf16, and no emulation).
    public static func requireWinograd(precision: ComputePrecision) throws {
        guard precision == .fp32 else {
            throw SettingError.settingsConflict(
                [.convolutionAlgorithm, .precision],
                problem: "Winograd convolutions are float32 only (oneDNN 2.6 has no bf16 Winograd kernels)",
                fix: "set \(.convolutionAlgorithm) to direct with \(.precision) bf16")
        }
        let isa = dnnl_get_effective_cpu_isa()
        let avx512: [dnnl_cpu_isa_t] = [dnnl_cpu_isa_avx512_core, dnnl_cpu_isa_avx512_core_vnni, dnnl_cpu_isa_avx512_core_bf16, dnnl_cpu_isa_avx512_core_amx]
        guard avx512.contains(isa) else {
            throw SettingError.settingsConflict(
                [.convolutionAlgorithm],
                problem:
                    "Winograd convolutions need a CPU with AVX-512 (oneDNN's Winograd kernels); oneDNN runs \(name(isa)) here (a cap such as \(.portable) or ONEDNN_MAX_CPU_ISA lowers it)",
                fix: "set \(.convolutionAlgorithm) to direct on this machine")
        }
    }

    /// Whether oneDNN runs Winograd convolutions in this process for `precision` (AVX-512, float32).
    public static func hasWinograd(precision: ComputePrecision) -> Bool {
        (try? requireWinograd(precision: precision)) != nil
    }

    /// `algorithm` with `.auto` replaced by what it means here: Winograd where oneDNN has it for
    /// `precision` in this process, else direct. Call after any ISA cap (portable mode) is set.
    public static func resolve(_ algorithm: ConvolutionAlgorithm, precision: ComputePrecision) -> ConvolutionAlgorithm {
        guard algorithm == .auto else { return algorithm }
        return hasWinograd(precision: precision) ? .winograd : .direct
    }

    private static func name(_ isa: dnnl_cpu_isa_t) -> String {
        switch isa {
        case dnnl_cpu_isa_sse41: return "sse41"
        case dnnl_cpu_isa_avx: return "avx"
        case dnnl_cpu_isa_avx2: return "avx2"
        case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni"
        case dnnl_cpu_isa_avx512_mic: return "avx512_mic"
        case dnnl_cpu_isa_avx512_mic_4ops: return "avx512_mic_4ops"
        case dnnl_cpu_isa_avx512_core: return "avx512_core"
        case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni"
        case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16"
        case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx"
        default: return "isa 0x\(String(isa.rawValue, radix: 16))"
        }
    }
}
