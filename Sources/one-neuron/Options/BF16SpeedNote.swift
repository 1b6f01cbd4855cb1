import Backend
import Foundation

/// Prints `DotProductRates.bf16SlowerNote()` to standard error when bf16 was chosen on a CPU without AMX whose bf16
/// instruction is measured slower than its float32 FMA (about 0.1 s); the run goes on as asked.
func noteIfBF16IsSlowerHere(_ precision: ComputePrecision) {
    guard precision == .bf16, !DotProductRates.cpuHasAMX, let note = DotProductRates.measure()?.bf16SlowerNote() else { return }
    FileHandle.standardError.write(Data((note + "\n").utf8))
}
