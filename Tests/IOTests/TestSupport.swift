import Foundation

/// The numpy-made fixtures (see scripts/io/make_npy_fixtures.py), found next to this file.
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func fixture(_ name: String) -> URL { fixturesFolder.appendingPathComponent(name) }
