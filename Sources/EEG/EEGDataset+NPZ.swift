import Foundation
import IO

/// Saving and loading the prepared dataset as numpy's .npz.
///
/// Keys: `x` float32 [N, 28, 28, 3]; `y` [N], the labels of the file's `EEGTarget`: for the task
/// target float32 (+1 familiar, -1 unfamiliar), for the subject and session targets int64 class
/// indices 0..<K (Keras sparse labels, see `EEGTarget.classIndices`);
/// `subject` int64 [N] (1...8); `session` int64 [N] (file index: 0 = ML101_KS, 1 = ML101_US, ...);
/// `class` int64 [N] (+1 / -1); `start_time` float64 [N] (window start, seconds);
/// `window_start` and `window_length` int64 [N] (samples); `layout` int64 [1]
/// (0 notebook, 1 band-major); `target` int64 [1] (1 subject, 2 session), only for those targets:
/// a task file has no `target` key, and a file without one holds the task.
extension EEGDataset {
    /// Writes the dataset atomically to `url`, with `y` holding the labels of `target`.
    public func save(to url: URL, compressed: Bool = false, target: EEGTarget = .task) throws {
        let n = count
        let y =
            target == .task
            ? NDArray(shape: [n], float32: labels)
            : NDArray(shape: [n], int64: target.classIndices(for: self).map(Int64.init))
        var arrays: [(name: String, array: NDArray)] = [
            ("x", NDArray(images)),
            ("y", y),
            ("subject", NDArray(shape: [n], int64: subjects.map(Int64.init))),
            ("session", NDArray(shape: [n], int64: fileIndices.map(Int64.init))),
            ("class", NDArray(shape: [n], int64: classes.map { Int64($0.rawValue) })),
            ("start_time", NDArray(shape: [n], float64: windowStartSeconds)),
            ("window_start", NDArray(shape: [n], int64: windowStarts.map(Int64.init))),
            ("window_length", NDArray(shape: [n], int64: windowLengths.map(Int64.init))),
            ("layout", NDArray(shape: [1], int64: [layout == .notebook ? 0 : 1]))
        ]
        if target != .task { arrays.append(("target", NDArray(shape: [1], int64: [Int64(target.fileCode)]))) }
        try NPZ.write(arrays, to: url, compressed: compressed)
    }

    /// Reads a dataset written by `save` (any target); throws `EEGError` naming the file and the
    /// missing or inconsistent key. `labels` are always the task's +1 / -1.
    public static func load(from url: URL) throws -> EEGDataset {
        try loadWithTarget(from: url).dataset
    }

    /// Reads a dataset written by `save`, and the target its `y` holds (task when the file has no
    /// `target` key). For the subject and session targets `y` must equal the class indices.
    public static func loadWithTarget(from url: URL) throws -> (dataset: EEGDataset, target: EEGTarget) {
        let arrays = try NPZ.read(from: url)
        func array(_ key: String, _ length: Int?) throws -> NDArray {
            guard let a = arrays[key] else {
                throw EEGError.malformedDataset(file: url.path, key: key, problem: "missing")
            }
            if let length, a.shape.first != length {
                throw EEGError.malformedDataset(file: url.path, key: key, problem: "shape \(a.shape), expected \(length) entries along the first axis")
            }
            return a
        }
        let images = try array("x", nil)
        guard images.shape.count == 4, images.shape[3] == 3 else {
            throw EEGError.malformedDataset(file: url.path, key: "x", problem: "shape \(images.shape), expected [N, 28, 28, 3]")
        }
        let n = images.shape[0]
        let subjects = try array("subject", n).asDoubles().map { Int($0) }
        let files = try array("session", n).asDoubles().map { Int($0) }
        let classValues = try array("class", n).asDoubles().map { Int($0) }
        var classes: [EEGClass] = []
        for (i, c) in classValues.enumerated() {
            guard let value = EEGClass(rawValue: c) else {
                throw EEGError.malformedDataset(file: url.path, key: "class", problem: "entry \(i) is \(c), expected +1 or -1")
            }
            classes.append(value)
        }
        let layoutCode = try array("layout", 1).asDoubles()[0]
        // Sessions by file index, from the frames (the notebook's order where a file has none).
        var byFile: [Int: EEGSession] = [:]
        for i in 0..<n {
            guard files[i] >= 0 else {
                throw EEGError.malformedDataset(file: url.path, key: "session", problem: "entry \(i) is \(files[i]), expected a file index >= 0")
            }
            byFile[files[i]] = EEGSession(subject: subjects[i], eegClass: classes[i])
        }
        let fileCount = max(files.max().map { $0 + 1 } ?? 0, EEGSession.all.count)
        let sessions = (0..<fileCount).map { byFile[$0] ?? EEGSession.all[min($0, EEGSession.all.count - 1)] }
        var target = EEGTarget.task
        if arrays["target"] != nil {
            let code = Int(try array("target", 1).asDoubles()[0])
            guard let t = EEGTarget(fileCode: code), t != .task else {
                throw EEGError.malformedDataset(file: url.path, key: "target", problem: "is \(code), expected 1 (subject) or 2 (session)")
            }
            target = t
        }
        let y = try array("y", n).asFloats()
        let dataset = EEGDataset(
            images: images.tensor(), labels: target == .task ? y : classes.map(\.label), subjects: subjects, classes: classes,
            fileIndices: files, windowStarts: try array("window_start", n).asDoubles().map { Int($0) },
            windowLengths: try array("window_length", n).asDoubles().map { Int($0) },
            sessions: sessions, layout: layoutCode == 0 ? .notebook : .bandMajor)
        if target != .task {
            let expected = target.classIndices(for: dataset)
            if let i = (0..<n).first(where: { y[$0] != Float(expected[$0]) }) {
                throw EEGError.malformedDataset(
                    file: url.path, key: "y", problem: "entry \(i) is \(y[i]), but the frame's \(target.rawValue) class index is \(expected[i])")
            }
        }
        return (dataset, target)
    }
}
