import Backend
import Foundation
import XCTest

/// The measured float32 FMA and bf16 dot-product rates, and the note for bf16 where it cannot be faster.
final class DotProductRatesTests: XCTestCase {
    /// Rates from bench/fma_peak.c, one thread: an Intel Xeon without AMX (2026-12-07) and AMD Zen 4 (2026-12-06).
    func testTheNoteAppearsOnlyWhereBF16DoesLessWorkPerSecond() throws {
        let xeon = DotProductRates(float32GFLOPs: 172.4, bf16GFLOPs: 84.6)
        let note = try XCTUnwrap(xeon.bf16SlowerNote())
        XCTAssertTrue(note.contains("85 GFLOP/s against 172"), note)
        XCTAssertTrue(note.contains("fp32 is faster here"), note)
        XCTAssertNil(DotProductRates(float32GFLOPs: 116.9, bf16GFLOPs: 234.3).bf16SlowerNote())
        XCTAssertNil(DotProductRates(float32GFLOPs: 100, bf16GFLOPs: 100).bf16SlowerNote())
    }

    /// On a CPU with AVX-512 and AVX512_BF16 both rates are measured (finite, positive, within what 2-wide 512-bit
    /// units at up to 6 GHz can do); elsewhere there is nothing to measure.
    func testMeasuredRatesAreRealOnCPUsWithBF16AndAbsentElsewhere() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flagsLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let flags = Set(flagsLine.split(separator: ":").last?.split(separator: " ").map(String.init) ?? [])
        let rates = DotProductRates.measure(seconds: 0.01)
        guard flags.contains("avx512f"), flags.contains("avx512_bf16") else {
            XCTAssertNil(rates, "measured although /proc/cpuinfo lists no AVX512_BF16")
            return
        }
        let r = try XCTUnwrap(rates, "not measured although /proc/cpuinfo lists AVX512_BF16")
        for (name, value) in [("fp32", r.float32GFLOPs), ("bf16", r.bf16GFLOPs)] {
            XCTAssertTrue(value.isFinite && value > 1 && value < 2 * 64 * 6, "\(name): \(value) GFLOP/s")
        }
        XCTAssertEqual(DotProductRates.cpuHasAMX, flags.contains("amx_bf16"))
        print(String(format: "dot-product rates, one thread: fp32 %.1f, bf16 %.1f GFLOP/s", r.float32GFLOPs, r.bf16GFLOPs))
    }
}
