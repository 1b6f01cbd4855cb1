/// scipy's `CloughTocher2DInterpolator` (the 2-D `griddata(method="cubic")`), re-implemented
/// from the algorithm in scipy's `interpnd.pyx`:
///  - vertex gradients from the global curvature-minimising Gauss-Seidel scheme of
///    Nielson (1983) and Renka & Cline (1984) (`estimate_gradients_2d_global`,
///    defaults `maxiter = 400`, `tol = 1e-6`);
///  - on each triangle, the Clough-Tocher split into three cubic Bezier patches, C1 across
///    edges by taking the cross-edge derivative along the line joining the two triangles'
///    centroids (`_clough_tocher_2d_single`).
public enum CloughTocher {
    /// Gradient estimate at every vertex, and the number of sweeps it took
    /// (0 when `maxIterations` sweeps did not reach `tolerance`, as in scipy).
    public static func estimateGradients(
        _ tri: DelaunayTriangulation, values: [Double], tolerance: Double = 1e-6, maxIterations: Int = 400
    ) -> (gradients: [SIMD2<Double>], iterations: Int) {
        precondition(values.count == tri.points.count, "one value per triangulation point is needed")
        let points = tri.points
        var y = [SIMD2<Double>](repeating: .zero, count: points.count)
        for iteration in 0..<maxIterations {
            var err = 0.0
            for i in points.indices {
                var q0 = 0.0, q1 = 0.0, q3 = 0.0, s0 = 0.0, s1 = 0.0
                for j in tri.vertexNeighbors[i] {
                    let ex = points[j].x - points[i].x
                    let ey = points[j].y - points[i].y
                    let length = (ex * ex + ey * ey).squareRoot()
                    let l3 = length * length * length
                    let f1 = values[i], f2 = values[j]
                    let df2 = -ex * y[j].x - ey * y[j].y
                    q0 += 4 * ex * ex / l3
                    q1 += 4 * ex * ey / l3
                    q3 += 4 * ey * ey / l3
                    s0 += (6 * (f1 - f2) - 2 * df2) * ex / l3
                    s1 += (6 * (f1 - f2) - 2 * df2) * ey / l3
                }
                let q2 = q1
                let det = q0 * q3 - q1 * q2
                let r0 = (q3 * s0 - q1 * s1) / det
                let r1 = (-q2 * s0 + q0 * s1) / det
                var change = max(abs(y[i].x + r0), abs(y[i].y + r1))
                y[i] = SIMD2(-r0, -r1)
                change /= max(1.0, max(abs(r0), abs(r1)))
                err = max(err, change)
            }
            if err < tolerance { return (y, iteration + 1) }
        }
        return (y, 0)
    }

    /// Per triangle, scipy's `g[k]`: the cross-edge direction for the edge opposite vertex k,
    /// from the neighbour's centroid in this triangle's barycentric coordinates (-1/2 on the hull).
    static func edgeDirections(_ tri: DelaunayTriangulation) -> [SIMD3<Double>] {
        tri.triangles.indices.map { t in
            var g = SIMD3<Double>(repeating: -0.5)
            for k in 0..<3 {
                let other = tri.neighbors[t][k]
                if other < 0 { continue }
                let o = tri.triangles[other]
                let centroid = (tri.points[o[0]] + tri.points[o[1]] + tri.points[o[2]]) / 3
                let c = tri.barycentric(centroid, inTriangle: t)
                switch k {
                case 0: g[0] = (2 * c[2] + c[1] - 1) / (2 - 3 * c[2] - 3 * c[1])
                case 1: g[1] = (2 * c[0] + c[2] - 1) / (2 - 3 * c[0] - 3 * c[2])
                default: g[2] = (2 * c[1] + c[0] - 1) / (2 - 3 * c[1] - 3 * c[0])
                }
            }
            return g
        }
    }

    /// The Clough-Tocher cubic on triangle `t` at barycentric `b`, from vertex values `f` and
    /// vertex gradients `df`, with cross-edge directions `g` (from `edgeDirections`).
    static func evaluate(
        _ tri: DelaunayTriangulation, triangle t: Int, barycentric b: SIMD3<Double>,
        f: SIMD3<Double>, df: (SIMD2<Double>, SIMD2<Double>, SIMD2<Double>), g: SIMD3<Double>
    ) -> Double {
        let v = tri.triangles[t]
        let p1 = tri.points[v[0]], p2 = tri.points[v[1]], p3 = tri.points[v[2]]
        let e12 = p2 - p1, e23 = p3 - p2, e31 = p1 - p3
        let df12 = (df.0 * e12).sum(), df21 = -(df.1 * e12).sum()
        let df23 = (df.1 * e23).sum(), df32 = -(df.2 * e23).sum()
        let df31 = (df.2 * e31).sum(), df13 = -(df.0 * e31).sum()

        let c3000 = f[0], c0300 = f[1], c0030 = f[2]
        let c2100 = (df12 + 3 * c3000) / 3, c2010 = (df13 + 3 * c3000) / 3
        let c1200 = (df21 + 3 * c0300) / 3, c0210 = (df23 + 3 * c0300) / 3
        let c1020 = (df31 + 3 * c0030) / 3, c0120 = (df32 + 3 * c0030) / 3
        let c2001 = (c2100 + c2010 + c3000) / 3
        let c0201 = (c1200 + c0300 + c0210) / 3
        let c0021 = (c1020 + c0120 + c0030) / 3
        let c0111 = (g[0] * (-c0300 + 3 * c0210 - 3 * c0120 + c0030) + (-c0300 + 2 * c0210 - c0120 + c0021 + c0201)) / 2
        let c1011 = (g[1] * (-c0030 + 3 * c1020 - 3 * c2010 + c3000) + (-c0030 + 2 * c1020 - c2010 + c2001 + c0021)) / 2
        let c1101 = (g[2] * (-c3000 + 3 * c2100 - 3 * c1200 + c0300) + (-c3000 + 2 * c2100 - c1200 + c2001 + c0201)) / 2
        let c1002 = (c1101 + c1011 + c2001) / 3
        let c0102 = (c1101 + c0111 + c0201) / 3
        let c0012 = (c1011 + c0111 + c0021) / 3
        let c0003 = (c1002 + c0102 + c0012) / 3

        // Extended barycentric coordinates of the sub-triangle holding the point.
        let minval = b.min()
        let b1 = b[0] - minval, b2 = b[1] - minval, b3 = b[2] - minval, b4 = 3 * minval
        var w = b1 * b1 * b1 * c3000 + 3 * b1 * b1 * b2 * c2100 + 3 * b1 * b1 * b3 * c2010
        w += 3 * b1 * b1 * b4 * c2001 + 3 * b1 * b2 * b2 * c1200
        w += 6 * b1 * b2 * b4 * c1101 + 3 * b1 * b3 * b3 * c1020 + 6 * b1 * b3 * b4 * c1011
        w += 3 * b1 * b4 * b4 * c1002 + b2 * b2 * b2 * c0300 + 3 * b2 * b2 * b3 * c0210
        w += 3 * b2 * b2 * b4 * c0201 + 3 * b2 * b3 * b3 * c0120 + 6 * b2 * b3 * b4 * c0111
        w += 3 * b2 * b4 * b4 * c0102 + b3 * b3 * b3 * c0030 + 3 * b3 * b3 * b4 * c0021
        w += 3 * b3 * b4 * b4 * c0012 + b4 * b4 * b4 * c0003
        return w
    }
}

/// A Clough-Tocher interpolant of one set of vertex values (like scipy's
/// `CloughTocher2DInterpolator(tri, values)`); nil outside the convex hull.
public struct CloughTocherInterpolator: Sendable {
    public let triangulation: DelaunayTriangulation
    public let values: [Double]
    /// The estimated vertex gradients.
    public let gradients: [SIMD2<Double>]
    /// Gauss-Seidel sweeps of the gradient estimate (0: did not converge).
    public let iterations: Int
    private let directions: [SIMD3<Double>]

    /// Throws `EEGError.invalidGeometry` when `values` does not hold one value per point.
    public init(triangulation: DelaunayTriangulation, values: [Double], tolerance: Double = 1e-6, maxIterations: Int = 400) throws {
        guard values.count == triangulation.points.count else {
            throw EEGError.valueCountMismatch(values: values.count, points: triangulation.points.count)
        }
        self.triangulation = triangulation
        self.values = values
        (gradients, iterations) = CloughTocher.estimateGradients(
            triangulation, values: values, tolerance: tolerance, maxIterations: maxIterations)
        directions = CloughTocher.edgeDirections(triangulation)
    }

    /// The interpolated value at `p`, or nil outside the triangulation's convex hull.
    public func callAsFunction(_ p: SIMD2<Double>) -> Double? {
        guard let (t, b) = triangulation.locate(p) else { return nil }
        let v = triangulation.triangles[t]
        return CloughTocher.evaluate(
            triangulation, triangle: t, barycentric: b,
            f: SIMD3(values[v[0]], values[v[1]], values[v[2]]),
            df: (gradients[v[0]], gradients[v[1]], gradients[v[2]]), g: directions[t])
    }
}
