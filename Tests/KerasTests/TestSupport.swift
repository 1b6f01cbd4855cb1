import Foundation

/// The Keras-made fixtures (scripts/keras/make_keras_fixtures.py), found next to this file.
func fixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
}
