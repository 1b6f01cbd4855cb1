import EEG
import Tensor
import XCTest

final class DelaunayTests: XCTestCase {
    /// Every triangle counter-clockwise with an empty circumcircle, areas summing to the hull's.
    private func assertDelaunay(_ tri: DelaunayTriangulation, hullArea: Double, file: StaticString = #filePath, line: UInt = #line) {
        var area = 0.0
        for t in tri.triangles {
            let a = tri.points[t[0]], b = tri.points[t[1]], c = tri.points[t[2]]
            let twice = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
            XCTAssertGreaterThan(twice, 0, "triangle \(t) not counter-clockwise", file: file, line: line)
            area += twice / 2
            for (m, d) in tri.points.enumerated() where !t.contains(m) {
                let ax = a.x - d.x, ay = a.y - d.y, bx = b.x - d.x, by = b.y - d.y, cx = c.x - d.x, cy = c.y - d.y
                let det = (ax * ax + ay * ay) * (bx * cy - by * cx) - (bx * bx + by * by) * (ax * cy - ay * cx) + (cx * cx + cy * cy) * (ax * by - ay * bx)
                XCTAssertLessThanOrEqual(det, 1e-9, "point \(m) inside the circumcircle of \(t)", file: file, line: line)
            }
        }
        XCTAssertEqual(area, hullArea, accuracy: 1e-9, file: file, line: line)
        for (t, around) in tri.neighbors.enumerated() {
            for (k, other) in around.enumerated() where other >= 0 {
                XCTAssertTrue(tri.neighbors[other].contains(t), file: file, line: line)
                XCTAssertFalse(tri.triangles[other].contains(tri.triangles[t][k]), file: file, line: line)
            }
        }
    }

    func testElectrodeTriangulationIsDelaunayWithOrWithoutQhullDiagonals() throws {
        // Hull (-4,1) (-2,-2) (-1,-3) (1,-3) (2,-2) (4,1) (3,3) (2,4) (-2,4) (-3,3): area 40.
        let layout = ElectrodeLayout.notebook
        let withQhull = try layout.triangulation()
        assertDelaunay(withQhull, hullArea: 40)
        XCTAssertEqual(withQhull.triangles.count, 16)
        let plain = try DelaunayTriangulation(points: layout.positions)
        assertDelaunay(plain, hullArea: 40)
        XCTAssertNotEqual(
            Set(plain.triangles.map { $0.sorted() }), Set(withQhull.triangles.map { $0.sorted() }),
            "the fan rule differs from Qhull in some cocircular quadrilateral, which is why the layout names Qhull's diagonals")
    }

    func testRandomPointSets() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let points = (0..<12).map { _ in SIMD2(Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator)) }
            let tri = try DelaunayTriangulation(points: points)
            // Triangle count of a triangulation: 2n - 2 - h (h hull vertices).
            let hull = convexHull(points)
            XCTAssertEqual(tri.triangles.count, 2 * points.count - 2 - hull.count)
            assertDelaunay(tri, hullArea: polygonArea(hull.map { points[$0] }))
        }
    }

    func testBadGeometryIsRejected() {
        XCTAssertThrowsError(try DelaunayTriangulation(points: [SIMD2(0, 0), SIMD2(1, 1)]))
        XCTAssertThrowsError(try DelaunayTriangulation(points: [SIMD2(0, 0), SIMD2(1, 1), SIMD2(2, 2)]))
        XCTAssertThrowsError(try DelaunayTriangulation(points: [SIMD2(0, 0), SIMD2(1, 0), SIMD2(1, 0)]))
        XCTAssertThrowsError(try DelaunayTriangulation(points: [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1)], preferredDiagonals: [(0, 1)] + [(1, 3)]))
    }
}

/// Indices of the convex hull (monotone chain), counter-clockwise.
private func convexHull(_ p: [SIMD2<Double>]) -> [Int] {
    let order = p.indices.sorted { (p[$0].x, p[$0].y) < (p[$1].x, p[$1].y) }
    func cross(_ o: Int, _ a: Int, _ b: Int) -> Double { (p[a].x - p[o].x) * (p[b].y - p[o].y) - (p[a].y - p[o].y) * (p[b].x - p[o].x) }
    var lower: [Int] = [], upper: [Int] = []
    for i in order {
        while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], i) <= 0 { lower.removeLast() }
        lower.append(i)
    }
    for i in order.reversed() {
        while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], i) <= 0 { upper.removeLast() }
        upper.append(i)
    }
    return Array(lower.dropLast() + upper.dropLast())
}

private func polygonArea(_ q: [SIMD2<Double>]) -> Double {
    var s = 0.0
    for i in q.indices { let j = (i + 1) % q.count; s += q[i].x * q[j].y - q[j].x * q[i].y }
    return s / 2
}
