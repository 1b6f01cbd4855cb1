/// Clough-Tocher interpolation onto a fixed set of query points, many times over.
///
/// The interpolant at a point is linear in the vertex values and vertex gradients of its
/// triangle, so the 9 weights of every point are computed once; each new set of values then
/// costs one gradient estimate plus 9 multiply-adds per point.
public struct CloughTocherGrid: Sendable {
    public let triangulation: DelaunayTriangulation
    public let points: [SIMD2<Double>]
    /// Vertices of the triangle holding each point (-1, -1, -1 outside the hull).
    private let corners: [SIMD3<Int32>]
    /// Per point: weights of f0, f1, f2, then (gx, gy) of vertices 0, 1, 2.
    private let weights: [Double]

    public init(triangulation: DelaunayTriangulation, points: [SIMD2<Double>]) {
        let directions = CloughTocher.edgeDirections(triangulation)
        var corners = [SIMD3<Int32>](repeating: SIMD3(-1, -1, -1), count: points.count)
        var weights = [Double](repeating: 0, count: 9 * points.count)
        for (i, p) in points.enumerated() {
            guard let (t, b) = triangulation.locate(p) else { continue }
            let v = triangulation.triangles[t]
            corners[i] = SIMD3(Int32(v[0]), Int32(v[1]), Int32(v[2]))
            for basis in 0..<9 {
                var unit = [Double](repeating: 0, count: 9)
                unit[basis] = 1
                weights[9 * i + basis] = CloughTocher.evaluate(
                    triangulation, triangle: t, barycentric: b,
                    f: SIMD3(unit[0], unit[1], unit[2]),
                    df: (SIMD2(unit[3], unit[4]), SIMD2(unit[5], unit[6]), SIMD2(unit[7], unit[8])),
                    g: directions[t])
            }
        }
        self.triangulation = triangulation
        self.points = points
        self.corners = corners
        self.weights = weights
    }

    /// Whether each point lies inside the convex hull (within scipy's tolerance).
    public var inside: [Bool] { corners.map { $0[0] >= 0 } }

    /// The interpolant of `values` at every point; `outside` where a point is outside the hull
    /// (scipy gives NaN there; the notebook turns it into 0).
    public func interpolate(_ values: [Double], outside: Double = 0, tolerance: Double = 1e-6, maxIterations: Int = 400) -> [Double] {
        let (gradients, _) = CloughTocher.estimateGradients(
            triangulation, values: values, tolerance: tolerance, maxIterations: maxIterations)
        var out = [Double](repeating: outside, count: points.count)
        weights.withUnsafeBufferPointer { w in
            for i in points.indices {
                let v = corners[i]
                if v[0] < 0 { continue }
                let a = Int(v[0]), b = Int(v[1]), c = Int(v[2])
                let base = 9 * i
                var s = w[base] * values[a] + w[base + 1] * values[b] + w[base + 2] * values[c]
                s += w[base + 3] * gradients[a].x + w[base + 4] * gradients[a].y
                s += w[base + 5] * gradients[b].x + w[base + 6] * gradients[b].y
                s += w[base + 7] * gradients[c].x + w[base + 8] * gradients[c].y
                out[i] = s
            }
        }
        return out
    }
}
