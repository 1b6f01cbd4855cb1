import Plot
import XCTest

final class NiceTicksTests: XCTestCase {
    func testNiceSteps() {
        XCTAssertEqual(NiceTicks.niceStep(0.13), 0.2, accuracy: 1e-12)
        XCTAssertEqual(NiceTicks.niceStep(0.21), 0.25, accuracy: 1e-12)
        XCTAssertEqual(NiceTicks.niceStep(3.3), 5, accuracy: 1e-12)
        XCTAssertEqual(NiceTicks.niceStep(70), 100, accuracy: 1e-12)
        XCTAssertEqual(NiceTicks.niceStep(2.2, integer: true), 5)
        XCTAssertEqual(NiceTicks.niceStep(0.3, integer: true), 1)
    }

    func testExpandedTicksCoverTheData() {
        let ticks = NiceTicks.make(minimum: 0.513, maximum: 0.838, targetCount: 5)
        XCTAssertEqual(ticks.step, 0.1, accuracy: 1e-12)
        XCTAssertEqual(ticks.lower, 0.5, accuracy: 1e-12)
        XCTAssertEqual(ticks.upper, 0.9, accuracy: 1e-12)
        XCTAssertEqual(ticks.labels, ["0.5", "0.6", "0.7", "0.8", "0.9"])
    }

    func testTightIntegerTicksForEpochs() {
        let ticks = NiceTicks.make(minimum: 1, maximum: 400, targetCount: 10, integer: true, expand: false)
        XCTAssertEqual(ticks.values, [50, 100, 150, 200, 250, 300, 350, 400])
        XCTAssertEqual(ticks.lower, 1)
        XCTAssertEqual(ticks.upper, 400)
        let few = NiceTicks.make(minimum: 1, maximum: 3, targetCount: 8, integer: true, expand: false)
        XCTAssertEqual(few.labels, ["1", "2", "3"])
    }

    func testLabelsNegativeSmallAndLarge() {
        let ticks = NiceTicks.make(minimum: -0.02, maximum: 0.045, targetCount: 5)
        XCTAssertEqual(ticks.labels, ["-0.02", "0.00", "0.02", "0.04", "0.06"])
        XCTAssertEqual(NiceTicks.labels(for: [0, 2.5e-7, 5e-7], step: 2.5e-7), ["0", "2.5e-7", "5.0e-7"])
        XCTAssertEqual(NiceTicks.labels(for: [0, 2e6, 4e6], step: 2e6), ["0", "2e6", "4e6"])
        XCTAssertEqual(NiceTicks.labels(for: [0, 0.25, 0.5], step: 0.25), ["0.00", "0.25", "0.50"])
    }

    func testDegenerateRanges() {
        let constant = NiceTicks.make(minimum: 0.8, maximum: 0.8)
        XCTAssertLessThan(constant.lower, 0.8)
        XCTAssertGreaterThan(constant.upper, 0.8)
        XCTAssertGreaterThanOrEqual(constant.values.count, 2)
        let broken = NiceTicks.make(minimum: .nan, maximum: .infinity)
        XCTAssertEqual(broken.lower, 0)
        XCTAssertEqual(broken.upper, 1)
    }
}
