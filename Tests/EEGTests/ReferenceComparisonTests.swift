import EEG
import Foundation
import XCTest

/// The Swift pipeline against numpy/scipy (fixture from scripts/eeg/reference.py).
final class ReferenceComparisonTests: XCTestCase {
    func testTriangulationEqualsScipy() throws {
        let fixture = try ReferenceFixture.load()
        let layout = ElectrodeLayout.notebook
        XCTAssertEqual(layout.positions.map { [$0.x, $0.y] }, fixture.electrodes)
        let tri = try layout.triangulation()
        XCTAssertEqual(Set(tri.triangles.map { $0.sorted() }), Set(fixture.simplices.map { $0.sorted() }))
        XCTAssertEqual(tri.triangles.count, fixture.simplices.count)
    }

    func testFeaturesAndImagesEqualScipy() throws {
        let fixture = try ReferenceFixture.load()
        let data = try TestData.require()
        let imager = try EEGImager()
        var worstFeature = 0.0, worstImage = 0.0
        for file in Set(fixture.frames.map(\.file)).sorted() {
            let recording = try EEGRecording.read(from: data.appendingPathComponent(file))
            let features = EEGBandFeatures(recording: recording)
            for expected in fixture.frames where expected.file == file {
                let perFrame = 42
                let slice = features.values[(expected.frame * perFrame)..<((expected.frame + 1) * perFrame)]
                worstFeature = max(worstFeature, maxRelativeError(Array(slice), expected.features.flatMap { $0 }, floor: 0))
                XCTAssertEqual(Double(features.windowStarts[expected.frame]) / 128, expected.start_seconds)
                let layout = try XCTUnwrap(EEGImageLayout(rawValue: expected.layout))
                let image = imager.image(slice, layout: layout).map(Double.init)
                XCTAssertEqual(image.count, expected.image.count)
                let zerosAgree = zip(image, expected.image).allSatisfy { ($0 == 0) == ($1 == 0) }
                XCTAssertTrue(zerosAgree, "\(file) frame \(expected.frame) \(layout): outside-hull pixels differ")
                worstImage = max(worstImage, maxRelativeError(image, expected.image))
            }
        }
        print("max relative error vs numpy/scipy: features \(worstFeature), images \(worstImage)")
        XCTAssertLessThan(worstFeature, 1e-9)
        XCTAssertLessThan(worstImage, 1e-4)
    }
}
