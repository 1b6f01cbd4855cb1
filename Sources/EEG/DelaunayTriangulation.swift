/// The Delaunay triangulation of a small point set (an electrode layout), by the empty-circle
/// definition: O(n^4), meant for tens of points.
///
/// Where four or more points lie on one empty circle the triangulation is not unique. Qhull
/// (behind scipy's `Delaunay` and `griddata`) then picks diagonals by its own insertion order.
/// `preferredDiagonals` says which diagonals to use in such cocircular polygons, so that the
/// result can equal Qhull's for a given point set; any polygon part they leave open is fanned
/// from its lowest-index vertex.
public struct DelaunayTriangulation: Sendable {
    public let points: [SIMD2<Double>]
    /// Vertex triples, each counter-clockwise, sorted by their smallest vertex indices.
    public let triangles: [[Int]]
    /// `neighbors[t][k]` is the triangle across the edge opposite vertex k of triangle t, or -1
    /// on the convex hull (scipy's `Delaunay.neighbors`).
    public let neighbors: [[Int]]
    /// The vertices joined to each vertex by an edge, in scipy's `vertex_neighbor_vertices`
    /// order for this triangle list (first seen while walking the triangles).
    public let vertexNeighbors: [[Int]]
    /// Per triangle, the affine map of scipy's `Delaunay.transform`: `inverse` of
    /// `[p0 - p2, p1 - p2]` (row-major 2x2) and the offset `p2`.
    let transforms: [(inverse: SIMD4<Double>, offset: SIMD2<Double>)]

    /// Triangulates `points`; throws `EEGError.invalidGeometry` for fewer than 3 points,
    /// duplicates, all points on one line, or a preferred diagonal that is not used.
    public init(points: [SIMD2<Double>], preferredDiagonals: [(Int, Int)] = []) throws {
        let n = points.count
        guard n >= 3 else { throw EEGError.tooFewPoints(n) }
        for i in 0..<n {
            guard points[i].x.isFinite, points[i].y.isFinite else {
                throw EEGError.nonFinitePoint(index: i, point: points[i])
            }
            for j in 0..<i where points[i] == points[j] {
                throw EEGError.duplicatePoints(j, i, at: points[i])
            }
        }
        let extent = points.map { max(abs($0.x), abs($0.y)) }.max()! + 1e-300
        let orientEps = 1e-12 * extent * extent
        let circleEps = 1e-10 * extent * extent * extent * extent

        var triangles: [[Int]] = []
        var groups: Set<[Int]> = []
        for i in 0..<n {
            for j in (i + 1)..<n {
                for k in (j + 1)..<n {
                    let o = orientation(points[i], points[j], points[k])
                    if abs(o) <= orientEps { continue }
                    let ccw = o > 0 ? [i, j, k] : [i, k, j]
                    var on: [Int] = []
                    var empty = true
                    for m in 0..<n where m != i && m != j && m != k {
                        let d = inCircle(points[ccw[0]], points[ccw[1]], points[ccw[2]], points[m])
                        if d > circleEps { empty = false; break }
                        if d >= -circleEps { on.append(m) }
                    }
                    guard empty else { continue }
                    if on.isEmpty { triangles.append(ccw) } else { groups.insert(([i, j, k] + on).sorted()) }
                }
            }
        }
        guard !triangles.isEmpty || !groups.isEmpty else {
            throw EEGError.collinearPoints(n)
        }
        for group in groups.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let polygon = counterClockwise(group, points)
            triangulatePolygon(polygon, preferredDiagonals, into: &triangles)
        }
        triangles.sort { $0.sorted().lexicographicallyPrecedes($1.sorted()) }

        var edgeOwners: [Edge: [(triangle: Int, opposite: Int)]] = [:]
        for (t, tri) in triangles.enumerated() {
            for k in 0..<3 {
                edgeOwners[Edge(tri[(k + 1) % 3], tri[(k + 2) % 3]), default: []].append((t, k))
            }
        }
        for (a, b) in preferredDiagonals where edgeOwners[Edge(a, b)] == nil {
            throw EEGError.diagonalNotAnEdge(a, b)
        }
        var neighbors = [[Int]](repeating: [-1, -1, -1], count: triangles.count)
        for (_, owners) in edgeOwners where owners.count == 2 {
            neighbors[owners[0].triangle][owners[0].opposite] = owners[1].triangle
            neighbors[owners[1].triangle][owners[1].opposite] = owners[0].triangle
        }
        var vertexNeighbors = [[Int]](repeating: [], count: n)
        for tri in triangles {
            for a in tri {
                for b in tri where b != a && !vertexNeighbors[a].contains(b) { vertexNeighbors[a].append(b) }
            }
        }
        self.points = points
        self.triangles = triangles
        self.neighbors = neighbors
        self.vertexNeighbors = vertexNeighbors
        self.transforms = triangles.map { tri in
            let p0 = points[tri[0]], p1 = points[tri[1]], p2 = points[tri[2]]
            let a = p0.x - p2.x, b = p1.x - p2.x, c = p0.y - p2.y, d = p1.y - p2.y
            let det = a * d - b * c
            return (SIMD4(d / det, -b / det, -c / det, a / det), p2)
        }
    }

    /// Barycentric coordinates of `p` in triangle `t` (scipy's `_barycentric_coordinates`).
    public func barycentric(_ p: SIMD2<Double>, inTriangle t: Int) -> SIMD3<Double> {
        let (m, r) = transforms[t]
        let dx = p.x - r.x, dy = p.y - r.y
        let c0 = m[0] * dx + m[1] * dy
        let c1 = m[2] * dx + m[3] * dy
        return SIMD3(c0, c1, 1 - c0 - c1)
    }

    /// The first triangle holding `p` with all barycentric coordinates in [-eps, 1 + eps]
    /// (scipy's tolerance `100 * DBL_EPSILON`), or nil outside the convex hull.
    public func locate(_ p: SIMD2<Double>) -> (triangle: Int, barycentric: SIMD3<Double>)? {
        let eps = 100 * Double.ulpOfOne
        for t in triangles.indices {
            let c = barycentric(p, inTriangle: t)
            if c.min() >= -eps && c.max() <= 1 + eps { return (t, c) }
        }
        return nil
    }
}

/// An undirected edge.
private struct Edge: Hashable {
    let a: Int, b: Int
    init(_ u: Int, _ v: Int) { a = min(u, v); b = max(u, v) }
}

/// Twice the signed area of (a, b, c): positive when counter-clockwise.
private func orientation(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> Double {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// Positive when `d` lies strictly inside the circle through the counter-clockwise a, b, c.
private func inCircle(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>, _ d: SIMD2<Double>) -> Double {
    let ax = a.x - d.x, ay = a.y - d.y, bx = b.x - d.x, by = b.y - d.y, cx = c.x - d.x, cy = c.y - d.y
    let a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy
    return ax * (by * c2 - b2 * cy) - ay * (bx * c2 - b2 * cx) + a2 * (bx * cy - by * cx)
}

/// The points of a cocircular group in counter-clockwise order around their centroid.
private func counterClockwise(_ group: [Int], _ points: [SIMD2<Double>]) -> [Int] {
    var center = SIMD2<Double>(0, 0)
    for i in group { center += points[i] }
    center /= Double(group.count)
    return group.sorted { i, j in
        let ai = atan2(points[i].y - center.y, points[i].x - center.x)
        let aj = atan2(points[j].y - center.y, points[j].x - center.x)
        return ai < aj
    }
}

/// Triangulates a convex counter-clockwise polygon: first along any preferred diagonal that
/// joins two non-adjacent corners, then by a fan from the lowest-index corner.
private func triangulatePolygon(_ polygon: [Int], _ preferred: [(Int, Int)], into triangles: inout [[Int]]) {
    let m = polygon.count
    if m == 3 {
        triangles.append(polygon)
        return
    }
    for (a, b) in preferred {
        guard let i = polygon.firstIndex(of: a), let j = polygon.firstIndex(of: b) else { continue }
        let (lo, hi) = (min(i, j), max(i, j))
        if hi - lo < 2 || (lo == 0 && hi == m - 1) { continue }  // an edge of the polygon
        triangulatePolygon(Array(polygon[lo...hi]), preferred, into: &triangles)
        triangulatePolygon(Array(polygon[hi...] + polygon[...lo]), preferred, into: &triangles)
        return
    }
    let apex = polygon.firstIndex(of: polygon.min()!)!
    let rotated = Array(polygon[apex...] + polygon[..<apex])
    for k in 1..<(m - 1) { triangles.append([rotated[0], rotated[k], rotated[k + 1]]) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
