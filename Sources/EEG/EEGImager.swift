/// How the 14 x 3 band features of a frame feed the 3 colour planes.
public enum EEGImageLayout: String, Sendable, CaseIterable, Codable {
    /// The notebook's quirk: features flattened channel-major (`channel * 3 + band`), and plane c
    /// interpolated from flat entries `14c ..< 14c + 14` as if they were the 14 electrodes.
    case notebook
    /// Plane c is the topography of band c (theta, alpha, beta) over the 14 electrodes.
    case bandMajor = "band-major"
}

/// Turns band features into 28 x 28 x 3 images, like EEGLearn's `gen_images` with cubic
/// `griddata`, `normalize=False`, NaN -> 0, then the notebook's axis swap.
public struct EEGImager: Sendable {
    /// Image side (pixels).
    public let size: Int
    public let electrodes: ElectrodeLayout
    private let grid: CloughTocherGrid

    public init(electrodes: ElectrodeLayout = .notebook, size: Int = 28) throws {
        self.size = size
        self.electrodes = electrodes
        grid = CloughTocherGrid(triangulation: try electrodes.triangulation(), points: electrodes.grid(size: size))
    }

    /// Values per image: `size * size * 3`.
    public var valuesPerImage: Int { size * size * 3 }

    /// The 14 values interpolated into `plane` for the features of one frame
    /// (`features[channel * 3 + band]`).
    public static func planeValues(_ features: ArraySlice<Double>, plane: Int, layout: EEGImageLayout) -> [Double] {
        let channels = EEGRecording.channelCount, bands = EEGBandFeatures.bandCount
        let base = features.startIndex
        switch layout {
        case .notebook:
            return (0..<channels).map { features[base + plane * channels + $0] }
        case .bandMajor:
            return (0..<channels).map { features[base + $0 * bands + plane] }
        }
    }

    /// Writes one image, `[y][x][plane]` (rows follow y ascending, columns x ascending), to
    /// `out[offset ..< offset + valuesPerImage]`.
    public func render(_ features: ArraySlice<Double>, layout: EEGImageLayout, into out: UnsafeMutableBufferPointer<Float>, offset: Int) {
        let planes = EEGBandFeatures.bandCount
        for plane in 0..<planes {
            let values = grid.interpolate(EEGImager.planeValues(features, plane: plane, layout: layout), outside: 0)
            for xi in 0..<size {
                for yi in 0..<size {
                    out[offset + (yi * size + xi) * planes + plane] = Float(values[xi * size + yi])
                }
            }
        }
    }

    /// One image as a fresh array (see `render`).
    public func image(_ features: ArraySlice<Double>, layout: EEGImageLayout) -> [Float] {
        var out = [Float](repeating: 0, count: valuesPerImage)
        out.withUnsafeMutableBufferPointer { render(features, layout: layout, into: $0, offset: 0) }
        return out
    }
}
