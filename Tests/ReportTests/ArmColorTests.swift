import Document
import Plot
import Report
import Results
import XCTest

final class ArmColorTests: XCTestCase {
    func testSeedColoursRedWithNeuronBlueWithout() {
        XCTAssertEqual(Arm.augmented.color, PlotColor.withNeuron)
        XCTAssertEqual(Arm.plain.color, PlotColor.withoutNeuron)
        XCTAssertEqual(PlotColor.withNeuron, PlotColor.red)
        XCTAssertEqual(PlotColor.withoutNeuron, PlotColor.blue)
    }
}
