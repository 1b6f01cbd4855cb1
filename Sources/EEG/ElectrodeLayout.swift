/// 2-D electrode positions used to draw the band features as images.
public struct ElectrodeLayout: Sendable {
    /// Position of channel k (row k of every CSV).
    public let positions: [SIMD2<Double>]
    /// Diagonals to use where four electrodes share an empty circle (see `DelaunayTriangulation`).
    public let cocircularDiagonals: [(Int, Int)]

    public init(positions: [SIMD2<Double>], cocircularDiagonals: [(Int, Int)] = []) {
        self.positions = positions
        self.cocircularDiagonals = cocircularDiagonals
    }

    /// The notebook's hand-made positions of the 14 Emotiv channels on a -4..4 x -3..4 plane.
    /// Six groups of four are cocircular; the diagonals are the ones Qhull (scipy 1.17) picks,
    /// checked by scripts/eeg/reference.py and by the fixture test.
    public static let notebook = ElectrodeLayout(
        positions: [
            (-2, 4), (2, 4), (-1, 3), (1, 3), (-3, 3), (3, 3), (-2, 2), (2, 2),
            (-2, -2), (2, -2), (-4, 1), (4, 1), (-1, -3), (1, -3)
        ].map { SIMD2<Double>(Double($0.0), Double($0.1)) },
        cocircularDiagonals: [(1, 2), (2, 4), (1, 7), (2, 7), (7, 8), (8, 13)])

    /// The Delaunay triangulation of the positions (equal to scipy's for `notebook`).
    public func triangulation() throws -> DelaunayTriangulation {
        try DelaunayTriangulation(points: positions, preferredDiagonals: cocircularDiagonals)
    }

    /// numpy's `mgrid[xmin:xmax:nj, ymin:ymax:nj]` over the positions' bounding box, flattened
    /// with x index major: point `xi * n + yi` is `(xmin + xi * dx, ymin + yi * dy)`.
    public func grid(size n: Int) -> [SIMD2<Double>] {
        let xs = positions.map(\.x), ys = positions.map(\.y)
        let x0 = xs.min()!, y0 = ys.min()!
        let dx = (xs.max()! - x0) / Double(n - 1), dy = (ys.max()! - y0) / Double(n - 1)
        var grid: [SIMD2<Double>] = []
        grid.reserveCapacity(n * n)
        for xi in 0..<n {
            for yi in 0..<n { grid.append(SIMD2(Double(xi) * dx + x0, Double(yi) * dy + y0)) }
        }
        return grid
    }
}
