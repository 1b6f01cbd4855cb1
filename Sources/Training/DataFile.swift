import Diagnostics
import Foundation
import IO
import NN
import Tensor

/// Arrays for training read from an .npz: `x` (N, ...) and `y` (N,), optionally `x_val`, `y_val`.
public struct DataFile {
    public var x: Tensor, y: Tensor
    public var xVal: Tensor?, yVal: Tensor?
    /// What was done to the labels to fit the loss (e.g. "{0, 1} labels mapped to {-1, +1}").
    public var notes: [String] = []

    /// Reads and checks the file; labels in {0,1} or {-1,+1} are mapped to what `labels` needs.
    /// For k classes, `y` holds class indices (N,) or one-hot rows (N, k); {-1, +1} labels become
    /// classes {0, 1} when k = 2.
    public init(url: URL, labels: LabelSet) throws {
        try self.init(arrays: NPZ.read(from: url), url: url, labels: labels)
    }

    /// `init(url:labels:)` on arrays already read from `url` (read a file once to count its classes and load it).
    public init(arrays: [String: NDArray], url: URL, labels: LabelSet) throws {
        func array(_ key: String) throws -> NDArray { try DataFile.array(key, in: arrays, url: url) }
        x = try array("x").tensor()
        y = try DataFile.labels(array("y"), key: "y", file: url.path, target: labels, notes: &notes)
        if arrays["x_val"] != nil || arrays["y_val"] != nil {
            xVal = try array("x_val").tensor()
            yVal = try DataFile.labels(array("y_val"), key: "y_val", file: url.path, target: labels, notes: &notes)
        }
        guard y.sampleCount == x.sampleCount else {
            throw TrainingError.sampleCountMismatch(data: url.path, x: x.sampleCount, y: y.sampleCount)
        }
    }

    /// The number of classes of the file's labels: the largest class index in y and y_val plus one
    /// (at least 2), or the width of one-hot labels.
    public static func classCount(in url: URL) throws -> Int {
        try classCount(of: NPZ.read(from: url), url: url)
    }

    /// `classCount(in:)` on arrays already read from `url`.
    public static func classCount(of arrays: [String: NDArray], url: URL) throws -> Int {
        let y = try array("y", in: arrays, url: url)
        if y.shape.count == 2, y.shape[1] > 1 { return y.shape[1] }
        let values = y.asDoubles() + (arrays["y_val"]?.asDoubles() ?? [])
        if let bad = values.firstIndex(where: { !($0 >= -1 && $0 == $0.rounded() && $0 < 1e6) }) {
            throw TrainingError.badLabels(
                file: url.path, key: "y", problem: "label \(values[bad]) at position \(bad) of y (then y_val) is not a class index",
                fix: "give whole numbers 0, 1, ..., k-1")
        }
        return max(2, Int(values.max() ?? 1) + 1)
    }

    /// The array `key` of a file's arrays, or an error naming the file, the arrays it has and the fix.
    private static func array(_ key: String, in arrays: [String: NDArray], url: URL) throws -> NDArray {
        guard let a = arrays[key] else {
            throw TrainingError.missingArray(file: url.path, key: key, found: Array(arrays.keys), fix: "save the data with np.savez(path, x=..., y=...)")
        }
        return a
    }

    private static func classLabels(_ a: NDArray, k: Int, key: String, file: String, notes: inout [String]) throws -> Tensor {
        if a.shape.count == 2, a.shape[1] == k, k > 1 {
            notes.append("\(key): one-hot labels read as class indices")
            return try LabeledData.classIndices(oneHot: a.tensor(), name: "\(file): '\(key)'")
        }
        guard a.shape.count == 1 || (a.shape.count == 2 && a.shape[1] == 1) else {
            throw TrainingError.badLabels(
                file: file, key: key, problem: "shape \(a.shape)", fix: "labels must be class indices of shape (N,) or one-hot rows of shape (N, \(k))")
        }
        var values = a.asDoubles()
        if k == 2, values.contains(-1), values.allSatisfy({ $0 == -1 || $0 == 1 }) {
            values = values.map { ($0 + 1) / 2 }
            notes.append("\(key): {-1, +1} labels mapped to classes {0, 1}")
        }
        if let bad = values.firstIndex(where: { !($0 >= 0 && $0 < Double(k) && $0 == $0.rounded()) }) {
            throw TrainingError.badLabels(
                file: file, key: key, problem: "\(key)[\(bad)] = \(values[bad])", fix: "labels must be class indices 0...\(k - 1) (the model has \(k) outputs)")
        }
        return try Tensor(shape: [values.count], scalars: values.map { Float($0) })
    }

    private static func labels(_ a: NDArray, key: String, file: String, target: LabelSet, notes: inout [String]) throws -> Tensor {
        if case .classes(let k) = target { return try classLabels(a, k: k, key: key, file: file, notes: &notes) }
        guard a.shape.count == 1 || (a.shape.count == 2 && a.shape[1] == 1) else {
            throw TrainingError.badLabels(file: file, key: key, problem: "shape \(a.shape)", fix: "labels must be a vector of shape (N,)")
        }
        let values = a.asDoubles()
        let allowed: Set<Double> = [-1, 0, 1]
        if let bad = values.firstIndex(where: { !allowed.contains($0) }) {
            throw TrainingError.badLabels(file: file, key: key, problem: "\(key)[\(bad)] = \(values[bad])", fix: "labels must be in {-1, +1} or {0, 1}")
        }
        let hasZero = values.contains(0), hasMinus = values.contains(-1)
        if hasZero && hasMinus {
            throw TrainingError.badLabels(file: file, key: key, problem: "mixes 0 and -1 labels", fix: "use {-1, +1} or {0, 1}, not both")
        }
        var mapped = values
        if target == .plusMinusOne && hasZero {
            mapped = values.map { 2 * $0 - 1 }
            notes.append("\(key): {0, 1} labels mapped to {-1, +1}")
        } else if target == .zeroOne && hasMinus {
            mapped = values.map { ($0 + 1) / 2 }
            notes.append("\(key): {-1, +1} labels mapped to {0, 1}")
        }
        return try Tensor(shape: [values.count], scalars: mapped.map { Float($0) })
    }
}

/// Z-scores inputs with one mean and standard deviation computed on the training set.
public struct Standardizer: Codable, Sendable, Equatable {
    public let mean: Double, std: Double

    public init(fitting x: Tensor) {
        var sum = 0.0, sq = 0.0
        for v in x.scalars { sum += Double(v); sq += Double(v) * Double(v) }
        let n = Double(max(x.count, 1))
        mean = sum / n
        std = max((sq / n - mean * mean).squareRoot(), 1e-12)
    }

    public func apply(_ x: Tensor) -> Tensor {
        let m = Float(mean), s = Float(1 / std)
        return try! Tensor(shape: x.shape, scalars: x.scalars.map { ($0 - m) * s })
    }
}

/// Splits off a seeded random `fraction` of the samples for validation.
public func randomSplit(count: Int, validationFraction fraction: Double, seed: UInt64) throws -> (train: [Int], validation: [Int]) {
    guard fraction > 0, fraction < 1 else {
        throw SettingError.valueOutOfRange(.validationFraction, value: "\(fraction)", allowed: "between 0 and 1 (exclusive)")
    }
    var g = SeededGenerator(seed: seed).derived("split")
    let order = g.permutation(count)
    let nVal = max(1, Int((Double(count) * fraction).rounded()))
    guard nVal < count else { throw TrainingError.nothingLeftToTrain(samples: count, validationFraction: fraction) }
    return (Array(order[nVal...]), Array(order[..<nVal]))
}
