import Foundation
import GAN
import Tensor
import XCTest

final class ModeMetricsTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Case: Decodable {
            var task: String, label: String, points: [Float], histogram: [Int]
            var modes_captured: Int, high_quality_percent: Double, reverse_kl: Double?
        }
        var cases: [Case]
    }

    /// The metrics match numpy's on fixed point sets (scripts/gan/metrics_fixture.py).
    func testMatchesTheNumpyFixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/gan_metrics_cases.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        XCTAssertEqual(fixture.cases.count, 6)
        for c in fixture.cases {
            let task = try XCTUnwrap(MixtureTask(rawValue: c.task))
            let m = ModeMetrics(points: c.points, task: task)
            XCTAssertEqual(m.histogram, c.histogram, c.label)
            XCTAssertEqual(m.modesCaptured, c.modes_captured, c.label)
            XCTAssertEqual(m.highQualityPercent, c.high_quality_percent, accuracy: 1e-12, c.label)
            if let expected = c.reverse_kl {
                XCTAssertEqual(try XCTUnwrap(m.reverseKL, c.label), expected, accuracy: 1e-12, c.label)
            } else {
                XCTAssertNil(m.reverseKL, c.label)
            }
        }
    }

    /// One captured mode gives log K, a uniform histogram 0; non-finite points count as samples of low quality.
    func testReverseKLExtremesAndNonFinitePoints() {
        XCTAssertEqual(ModeMetrics(histogram: [0, 5, 0, 0, 0, 0, 0, 0], sampleCount: 5).reverseKL!, log(8), accuracy: 1e-15)
        XCTAssertEqual(ModeMetrics(histogram: Array(repeating: 3, count: 25), sampleCount: 75).reverseKL!, 0, accuracy: 1e-15)
        let m = ModeMetrics(points: [1, 0, .nan, 0, 0, 1, .infinity, 2], task: .ring8)
        XCTAssertEqual(m.sampleCount, 4)
        XCTAssertEqual(m.nonFiniteCount, 2)
        XCTAssertEqual(m.highQualityPercent, 50)
        XCTAssertEqual(m.modesCaptured, 2)
        XCTAssertTrue(m.collapsed)
    }

    /// The tasks' modes are where PacGAN puts them.
    func testModes() {
        XCTAssertEqual(MixtureTask.ring8.modeCount, 8)
        XCTAssertEqual(MixtureTask.ring8.modes[2].x, 0, accuracy: 1e-15)
        XCTAssertEqual(MixtureTask.ring8.modes[2].y, 1, accuracy: 1e-15)
        XCTAssertEqual(MixtureTask.grid25.modeCount, 25)
        XCTAssertEqual(MixtureTask.grid25.modes.first, SIMD2(-4, -4))
        XCTAssertEqual(MixtureTask.grid25.modes.last, SIMD2(4, 4))
    }

    /// A seeded training set is the same for the same seed, differs for another, and is almost all of high quality.
    func testSeededSamplingCoversEveryMode() {
        for task in MixtureTask.allCases {
            var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7), g3 = SeededGenerator(seed: 8)
            let a = task.sample(count: 10_000, generator: &g1)
            XCTAssertEqual(a, task.sample(count: 10_000, generator: &g2))
            XCTAssertNotEqual(a, task.sample(count: 10_000, generator: &g3))
            let m = ModeMetrics(points: a, task: task)
            XCTAssertEqual(m.modesCaptured, task.modeCount)
            // Within 3 std in each coordinate of a 2D Gaussian: P(chi2_2 <= 9) = 1 - exp(-4.5) = 98.9 %.
            XCTAssertEqual(m.highQualityPercent, 100 * (1 - exp(-4.5)), accuracy: 0.5)
            XCTAssertLessThan(m.reverseKL!, 0.01)
        }
    }

    /// z draws have mean 0 and variance 1.
    func testGaussianNoise() {
        var g = SeededGenerator(seed: 1)
        let z = GaussianNoise.fill(count: 100_001, generator: &g)
        let mean = z.reduce(0.0) { $0 + Double($1) } / Double(z.count)
        let variance = z.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(z.count)
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
    }
}
