import Foundation

/// How `fit` reports progress.
public enum ProgressStyle: Sendable {
    /// A bar within each epoch when standard output is a terminal, else one line per epoch.
    case auto
    /// One line per epoch.
    case lines
    /// Nothing.
    case quiet
}

/// Prints Keras-like progress: "Epoch 3/400  23/23 [=====>....] loss: 0.71 accuracy: 0.63".
final class ProgressPrinter {
    private let bar: Bool
    private let quiet: Bool
    private var lastDraw = Date.distantPast

    init(_ style: ProgressStyle) {
        quiet = style == .quiet
        bar = style == .auto && isatty(STDOUT_FILENO) != 0
    }

    func batch(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double) {
        guard bar, !quiet else { return }
        let now = Date()
        guard batch + 1 == batches || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30, done = width * (batch + 1) / batches
        let line = String(repeating: "=", count: max(done - 1, 0)) + (done < width ? ">" : "=") + String(repeating: ".", count: width - done)
        print("\rEpoch \(epoch)/\(epochs) \(batch + 1)/\(batches) [\(line)] loss: \(fmt(loss)) accuracy: \(fmt(accuracy))", terminator: "")
        fflush(nil)  // every output stream; `stdout` itself is a global C variable Swift 6 will not touch
    }

    func epoch(_ epoch: Int, epochs: Int, logs: Logs) {
        guard !quiet else { return }
        let parts = logs.keys.map { "\($0): \(fmt(logs[$0]!))" }
        if bar { print("\r\u{1B}[2K", terminator: "") }
        print("Epoch \(epoch)/\(epochs)  " + parts.joined(separator: "  "))
        fflush(nil)  // every output stream; `stdout` itself is a global C variable Swift 6 will not touch
    }

    private func fmt(_ v: Double) -> String {
        if v == 0 || (abs(v) >= 1e-3 && abs(v) < 1e5) { return String(format: "%.4f", v) }
        return String(format: "%.3e", v)
    }
}
