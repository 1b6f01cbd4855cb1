import Foundation
import Stats
import XCTest

final class BootstrapTests: XCTestCase {
    func testSplitMix64ReferenceOutputs() {
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(generator.next(), 0x06C4_5D18_8009_454F)
    }

    func testIndicesAreUniform() {
        var generator = SplitMix64(seed: 7)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[generator.nextIndex(below: 7)] += 1 }
        for c in counts { XCTAssertLessThan(abs(c - 10_000), 400, "\(counts)") }  // ~4 sigma
    }

    func testDeterministicForASeed() throws {
        let x = [0.831, 0.825, 0.822, 0.819, 0.830]
        let y = [0.814, 0.812, 0.808, 0.810, 0.816]
        let a = try bootstrapMeanDifferenceInterval(x, y, seed: 42)
        let b = try bootstrapMeanDifferenceInterval(x, y, seed: 42)
        let c = try bootstrapMeanDifferenceInterval(x, y, seed: 43)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        assertClose(a.center, mean(x) - mean(y), relative: 1e-15, "center is the observed difference")
        XCTAssertEqual(a.level, 0.9)
        XCTAssertLessThan(a.lower, a.center)
        XCTAssertGreaterThan(a.upper, a.center)
        // separated samples: every resampled difference is positive
        XCTAssertGreaterThan(a.lower, 0)
    }

    /// Coverage sanity: 300 data sets, x ~ N(0.5, 1) and y ~ N(0, 1) with 20
    /// values each; the 90% percentile interval should contain the true 0.5
    /// in roughly 90% of them (percentile bootstrap under-covers a little at
    /// n = 20), and its mean width should be close to the normal-theory
    /// 2 * 1.645 * sqrt(2/20).
    func testCoverageIsNearNominal() throws {
        var generator = SplitMix64(seed: 2018)
        func normal() -> Double {  // Box-Muller
            let u1 = (Double(generator.next() >> 11) + 0.5) / 9007199254740992.0
            let u2 = Double(generator.next() >> 11) / 9007199254740992.0
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        let datasets = 300
        var covered = 0
        var totalWidth = 0.0
        for k in 0..<datasets {
            let x = (0..<20).map { _ in 0.5 + normal() }
            let y = (0..<20).map { _ in normal() }
            let interval = try bootstrapMeanDifferenceInterval(x, y, level: 0.9, resamples: 1000, seed: UInt64(k))
            if interval.lower <= 0.5 && 0.5 <= interval.upper { covered += 1 }
            totalWidth += interval.upper - interval.lower
        }
        let coverage = Double(covered) / Double(datasets)
        XCTAssertGreaterThan(coverage, 0.83, "coverage \(coverage)")
        XCTAssertLessThan(coverage, 0.95, "coverage \(coverage)")
        let expectedWidth = 2 * 1.6449 * (2.0 / 20).squareRoot()
        assertClose(totalWidth / Double(datasets), expectedWidth, relative: 0.1, "mean width")
    }
}
