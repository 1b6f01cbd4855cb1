import Foundation
import IO

extension KerasWeights {
    /// How many output units model layer `layer` has in the weights file at `url` (.weights.h5, .keras
    /// or .npz): the length of its bias, found by the layer's name (a Keras 3 key, or the .npz array
    /// "<layer>/bias"), else (a Keras file with other names) the bias of the file's last layer that holds
    /// a kernel and a bias. nil when the file has no such layer. Lets `predict` read a softmax model's class count.
    public static func units(of layer: String, in url: URL) throws -> Int? {
        if url.pathExtension.lowercased() == "npz" {
            return try NPZ.read(from: url)["\(layer)/bias"].flatMap { $0.shape.count == 1 ? $0.shape[0] : nil }
        }
        let file = try KerasWeightsFile.read(from: url)
        guard let match = fileLayerLookup(file)(layer) ?? file.last(where: { $0.variables.count == 2 }), match.variables.count == 2 else { return nil }
        let bias = match.variables[1].shape
        return bias.count == 1 ? bias[0] : nil
    }
}
