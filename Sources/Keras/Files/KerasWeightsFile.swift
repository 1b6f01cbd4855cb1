import Diagnostics
import Foundation
import IO

/// Keras 3 weight files: `.weights.h5` (`model.save_weights`) and the weights inside a `.keras`
/// archive (`model.save`). Keras 3 keeps each layer's variables in the HDF5 group
/// `layers/<name>/vars` as datasets `0`, `1`, ... (a nested model: `layers/<model>/layers/<name>/vars`).
public enum KerasWeightsFile {
    /// The weight-carrying layers of a `.weights.h5` or `.keras` file (told apart by content),
    /// in `KerasLayerWeights.keyOrder`.
    public static func read(from url: URL) throws -> [KerasLayerWeights] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw FileError(
                .fileAccess, file: url.path, problem: "cannot be read (\(error.localizedDescription))",
                fix: "check the path and the file's permissions")
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || url.pathExtension.lowercased() == "keras" {
            return try KerasArchive.weights(fromArchive: data, source: url.path)
        }
        return try decode(data, source: url.path)
    }

    /// The weight-carrying layers of `.weights.h5` bytes; `source` names the file in errors.
    public static func decode(_ data: Data, source: String) throws -> [KerasLayerWeights] {
        try HDF5Image.lock.withLock { _ in try decodeLocked(data, source: source) }
    }

    private static func decodeLocked(_ data: Data, source: String) throws -> [KerasLayerWeights] {
        let expected = "give a Keras 3 weight file: model.save_weights('name.weights.h5') or model.save('name.keras')"
        guard HDF5Image.hasSignature(data) else {
            throw FileError(.notHDF5, file: source, at: .byte(0), problem: "not an HDF5 file (no HDF5 signature; \(data.count) bytes)", fix: expected)
        }
        guard let reader = HDF5Image.Reader(data) else {
            throw FileError(
                .damaged, file: source, problem: "HDF5 cannot open it: the file is truncated or damaged (\(data.count) bytes)",
                fix: "save the weights again; copy the whole file")
        }
        var layers: [KerasLayerWeights] = []
        // Only the model's layers: a compiled model's file also holds `optimizer/vars` (step count,
        // moments) and metric variables, which are no weights of the network.
        if reader.children(of: "/")?.contains(where: { $0.name == "layers" && $0.kind == .group }) == true {
            try collect(reader, path: "layers", source: source, into: &layers)
        }
        guard !layers.isEmpty else {
            throw FileError(
                .notKerasLayout, file: source, at: .wholeFile,
                problem: "no weights stored as 'layers/<name>/vars/<i>' (Keras 2 .h5 files keep 'model_weights/...' instead)",
                fix: "load the model in Keras 3 and save it again with model.save_weights('name.weights.h5')")
        }
        return layers.sorted(by: KerasLayerWeights.keyOrder)
    }

    /// Walks the groups under `path`; a group `vars` holding datasets is one layer's variables.
    private static func collect(
        _ reader: HDF5Image.Reader, path: String, source: String,
        into layers: inout [KerasLayerWeights]
    ) throws {
        guard let children = reader.children(of: path.isEmpty ? "/" : path) else {
            throw FileError(.damaged, file: source, at: .hdf5Object(path), problem: "HDF5 cannot list the group", fix: "save the weights again")
        }
        for child in children where child.kind == .group {
            let childPath = path.isEmpty ? child.name : path + "/" + child.name
            if child.name == "vars" {
                if let layer = try readVariables(reader, layerPath: path, source: source) { layers.append(layer) }
            } else {
                try collect(reader, path: childPath, source: source, into: &layers)
            }
        }
    }

    /// The datasets `0`, `1`, ... of `<layerPath>/vars`; nil when the group is empty (a layer without weights).
    private static func readVariables(_ reader: HDF5Image.Reader, layerPath: String, source: String) throws -> KerasLayerWeights? {
        let varsPath = layerPath.isEmpty ? "vars" : layerPath + "/vars"
        let attribute = reader.stringAttribute(of: varsPath, name: "name")
        let layerName = KerasLayerWeights(path: layerPath, variables: [], layerName: attribute).label
        let children = reader.children(of: varsPath) ?? []
        if children.isEmpty { return nil }
        let names = Set(children.map(\.name))
        for (index, child) in children.enumerated() where child.kind != .dataset || !names.contains(String(index)) {
            throw FileError(
                .notKerasLayout, file: source, at: .described("\(layerName), HDF5 object '\(varsPath)/\(child.name)'"),
                problem: "expected datasets named 0...\(children.count - 1) in '\(varsPath)'",
                fix: "save the weights with Keras 3 (model.save_weights)")
        }
        var variables: [NDArray] = []
        for index in 0..<children.count {
            let location = "\(layerName), variable \(index) (\(varsPath)/\(index))"
            do {
                let set = try reader.dataset("\(varsPath)/\(index)")
                variables.append(NDArray(shape: set.shape, float32: set.values))
            } catch HDF5Image.DatasetProblem.notFloat(let what) {
                throw FileError(
                    .unsupportedType, file: source, at: .described(location), problem: "holds \(what), not floating-point weights",
                    fix: "save float32 weights from Keras")
            } catch HDF5Image.DatasetProblem.unreadable(let why) {
                throw FileError(.damaged, file: source, at: .described(location), problem: why, fix: "save the weights again; copy the whole file")
            }
        }
        return KerasLayerWeights(path: layerPath, variables: variables, layerName: attribute)
    }

    /// The `.weights.h5` bytes of `layers`, written in their order as Keras 3 writes them
    /// (`<path>/vars` with attribute `name`, datasets `0`, `1`, ... float32), which
    /// `model.load_weights` reads when the layer names are the Keras model's.
    public static func encode(_ layers: [KerasLayerWeights], source: String = "weights") throws -> Data {
        try HDF5Image.lock.withLock { _ in try encodeLocked(layers, source: source) }
    }

    private static func encodeLocked(_ layers: [KerasLayerWeights], source: String) throws -> Data {
        do {
            let writer = try HDF5Image.Writer()
            for layer in layers {
                let varsPath = layer.path.isEmpty ? "vars" : layer.path + "/vars"
                try writer.group(varsPath)
                try writer.stringAttribute(of: varsPath, name: "name", value: layer.layerName ?? layer.name)
                for (index, variable) in layer.variables.enumerated() {
                    try writer.dataset(in: varsPath, name: String(index), shape: variable.shape, values: variable.asFloats())
                }
            }
            return try writer.bytes()
        } catch let problem as HDF5Image.HDF5WriteProblem {
            throw FileError(.fileAccess, file: source, problem: problem.message, fix: "check the layer names (no empty path components)")
        }
    }

    /// Writes `layers` as a `.weights.h5` file, atomically.
    public static func write(_ layers: [KerasLayerWeights], to url: URL) throws {
        try AtomicFile.write(try encode(layers, source: url.path), to: url)
    }
}
