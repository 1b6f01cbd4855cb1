import ArgumentParser
import EEG
import Foundation
import Tensor

/// `one-neuron eeg`: fetch the recordings and prepare the notebook's images.
struct EEGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eeg",
        abstract: "EEG data: fetch the 16 recordings, prepare the 28x28x3 images.",
        subcommands: [Prepare.self, Fetch.self])

    struct Prepare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Build the images of all 16 sessions and save them as .npz (keys x, y, subject, session, class, start_time, window_start, window_length, layout; target for --target subject|session)."
        )

        @Option(help: "Folder holding ML101_KS.csv ... ML108_US.csv.")
        var data: String

        @Option(help: "Output .npz file.")
        var out: String = "eeg.npz"

        @Option(help: "notebook (the original channel-major quirk) or band-major (plane c = band c).")
        var layout: EEGImageLayout = .notebook

        @Option(
            help:
                "What y holds: task (float32 +1 familiar / -1 unfamiliar), subject (int64 class 0-7 = ML101-ML108) or session (int64 class 0-15 = ML101_KS, ML101_US, ...). Split subject and session data by time, not by subject."
        )
        var target: EEGTarget = .task

        @Flag(help: "Deflate the .npz entries (like np.savez_compressed).")
        var compressed = false

        func run() throws {
            let clock = ContinuousClock()
            var dataset: EEGDataset!
            let prepareTime = try clock.measure {
                dataset = try EEGDataset.prepare(directory: URL(fileURLWithPath: data), layout: layout)
            }
            for (session, frames) in zip(dataset.sessions, dataset.framesPerFile) {
                print("\(session.fileName): \(frames) frames")
            }
            let familiar = dataset.labels.filter { $0 > 0 }.count
            print(
                "frames: \(dataset.count) (familiar +1: \(familiar), unfamiliar -1: \(dataset.count - familiar)), images \(dataset.images.shape), layout \(layout.rawValue)"
            )
            print(String(format: "mean %.6f, zero fraction %.4f (%.1f%%)", dataset.mean, dataset.zeroFraction, 100 * dataset.zeroFraction))
            print("prepared in \(format(prepareTime))")
            if target != .task { printClasses(of: dataset) }
            let saveTime = try clock.measure {
                try dataset.save(to: URL(fileURLWithPath: out), compressed: compressed, target: target)
            }
            print("wrote \(out) in \(format(saveTime))")
        }

        /// The class-index to name mapping of `y` (an .npz cannot hold the names) and the frames per class.
        private func printClasses(of dataset: EEGDataset) {
            var counts = [Int](repeating: 0, count: target.classCount)
            for c in target.classIndices(for: dataset) { counts[c] += 1 }
            print("target \(target.rawValue): y = int64 class index, \(target.classCount) classes")
            for (c, (name, frames)) in zip(target.classNames, counts).enumerated() {
                print("  \(c) \(name): \(frames) frames")
            }
        }
    }

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the 16 recordings, verify each against its git blob id, and write only verified files.")

        @Option(help: "Folder to write the CSVs into (created if missing).")
        var to: String

        @Option(name: .customLong("from"), help: "Base URL the file names are appended to (default: the original repository's raw files).")
        var from: String = EEGFetcher.defaultBaseURL.absoluteString

        @Option(parsing: .unconditional, help: "Seconds without progress before a download is given up.")
        var timeout: Double = 60

        func run() throws {
            guard let base = URL(string: from.hasSuffix("/") ? from : from + "/"), base.scheme != nil else {
                throw ValidationError("--from must be a URL such as http://127.0.0.1:8000/, got '\(from)'")
            }
            let fetcher = EEGFetcher(baseURL: base, timeout: timeout)
            let outcomes = fetcher.fetch(to: URL(fileURLWithPath: to)) { file, outcome in
                switch outcome {
                case .downloaded(let bytes): print("\(file): downloaded \(bytes) bytes, blob verified")
                case .alreadyPresent(let bytes): print("\(file): already present (\(bytes) bytes), blob verified")
                case .failed(let error): print("FAILED: \(error)")
                }
            }
            let failures = outcomes.filter { if case .failed = $0.outcome { return true } else { return false } }
            if !failures.isEmpty {
                print("\(failures.count) of \(outcomes.count) files failed: \(failures.map(\.file).joined(separator: ", "))")
                throw ExitCode.failure
            }
            print("all \(outcomes.count) files present and verified in \(to)")
        }
    }
}

private func format(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return String(format: "%.2f s", seconds)
}
