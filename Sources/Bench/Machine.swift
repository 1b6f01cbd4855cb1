import Foundation

/// The CPU's model name from /proc/cpuinfo ("unknown" when it cannot be read).
public func cpuModelName() -> String {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    return line.map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown"
}

/// Peak resident memory of this process in MB (getrusage).
public func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Theoretical fp32 peak: threads x clock x FLOP per cycle, the clock being the largest "cpu MHz"
/// in /proc/cpuinfo. FLOP per cycle: 32 (two 8-wide FMA units) with AVX2, and on AMD before Zen 5
/// (CPU family < 26), whose AVX-512 runs on the same two 256-bit units; 64 on other AVX-512 CPUs
/// (two 16-wide units). A nominal figure: bench/compare.sh measures the real ceiling (bench/fma_peak.c).
public func machinePeakGFLOPS(threads: Int) -> Double {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    var mhz = 0.0, avx512 = false, amd = false, family = 0
    for line in info.split(separator: "\n") {
        let value = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if line.hasPrefix("cpu MHz"), let v = Double(value) { mhz = max(mhz, v) }
        if line.hasPrefix("flags") && line.contains("avx512f") { avx512 = true }
        if line.hasPrefix("vendor_id") && value == "AuthenticAMD" { amd = true }
        if line.hasPrefix("cpu family"), let f = Int(value) { family = f }
    }
    if mhz == 0 { mhz = 2500 }
    let fullWidthAVX512 = avx512 && !(amd && family < 26)
    return Double(threads) * mhz / 1000 * (fullWidthAVX512 ? 64 : 32)
}
