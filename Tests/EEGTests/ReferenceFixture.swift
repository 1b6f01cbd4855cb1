import EEG
import Foundation
import XCTest

/// Tests/EEGTests/Fixtures/reference.json, written by scripts/eeg/reference.py (numpy/scipy).
struct ReferenceFixture: Decodable {
    struct Layout: Decodable {
        let mean: Double
        let zero_fraction: Double
        let values: Int
    }
    struct Frame: Decodable {
        let file: String
        let layout: String
        let frame: Int
        let start_seconds: Double
        /// [channel][band]
        let features: [[Double]]
        /// [y][x][plane], flattened.
        let image: [Double]
    }
    struct CloughTocherCase: Decodable {
        let values: [Double]
        let gradients: [[Double]]
        let points: [[Double]]
        let interpolated: [Double?]
    }
    let electrodes: [[Double]]
    let simplices: [[Int]]
    let files: [String]
    let frame_counts: [Int]
    let layouts: [String: Layout]
    let frames: [Frame]
    let clough_tocher: [CloughTocherCase]

    static func load() throws -> ReferenceFixture {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures") else {
            throw XCTSkip("Fixtures/reference.json is missing from the test bundle; run scripts/eeg/reference.py")
        }
        return try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url))
    }
}

/// The recordings live outside the repository, in ../shared/data/eeg next to it
/// (or where the environment variable ONE_NEURON_EEG_DATA points).
enum TestData {
    static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["ONE_NEURON_EEG_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // EEGTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("../shared/data/eeg").standardizedFileURL
    }()

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "EEG recordings not found in \(path): the tests read the 16 ML10s_KS/US.csv files from ../shared/data/eeg beside the package (or $ONE_NEURON_EEG_DATA); get them with `one-neuron eeg fetch --to ../shared/data/eeg`"
        }
    }

    /// The data folder; throws (failing the calling test with a clear message) when the CSVs are absent.
    static func require() throws -> URL {
        let probe = directory.appendingPathComponent("ML101_KS.csv")
        guard FileManager.default.fileExists(atPath: probe.path) else { throw Missing(path: directory.path) }
        return directory
    }
}

/// Largest |a - b| / |b| over entries with |b| >= `floor` (and |a - b| where |b| < floor).
func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-3) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let d = abs(x - y)
        worst = max(worst, abs(y) >= floor ? d / abs(y) : d)
    }
    return worst
}
