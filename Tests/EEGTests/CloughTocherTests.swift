import EEG
import XCTest

final class CloughTocherTests: XCTestCase {
    /// Linear data is a fixed point of the gradient estimate (its exact gradient zeroes every
    /// edge's curvature), and Clough-Tocher with exact gradients reproduces linear functions.
    /// With scipy's default tolerance (1e-6) the Gauss-Seidel sweeps stop slightly short.
    func testReproducesLinearFunctions() throws {
        let tri = try ElectrodeLayout.notebook.triangulation()
        let f = { (p: SIMD2<Double>) in 1.5 - 0.75 * p.x + 2.25 * p.y }
        for (tolerance, accuracy) in [(1e-14, 1e-9), (1e-6, 1e-5)] {
            let ct = try CloughTocherInterpolator(triangulation: tri, values: tri.points.map(f), tolerance: tolerance, maxIterations: 10_000)
            XCTAssertGreaterThan(ct.iterations, 0)
            for g in ct.gradients {
                XCTAssertEqual(g.x, -0.75, accuracy: accuracy)
                XCTAssertEqual(g.y, 2.25, accuracy: accuracy)
            }
            var inside = 0
            for p in ElectrodeLayout.notebook.grid(size: 28) {
                guard let v = ct(p) else { continue }
                inside += 1
                XCTAssertEqual(v, f(p), accuracy: accuracy * 10)
            }
            XCTAssertEqual(inside, 28 * 28 - 252)  // 32.1% of the grid lies outside the hull
        }
        let ct = try CloughTocherInterpolator(triangulation: tri, values: tri.points.map(f))
        XCTAssertNil(ct(SIMD2(4, 4)))
        XCTAssertNil(ct(SIMD2(0, -3.0001)))
        XCTAssertNotNil(ct(SIMD2(0, -3)))  // on the hull edge
    }

    func testInterpolatesTheVertexValues() throws {
        let tri = try ElectrodeLayout.notebook.triangulation()
        let values = (0..<14).map { Double($0 * $0 % 11) - 3.5 }
        let ct = try CloughTocherInterpolator(triangulation: tri, values: values)
        for (p, v) in zip(tri.points, values) { XCTAssertEqual(try XCTUnwrap(ct(p)), v, accuracy: 1e-12) }
    }

    func testMatchesScipyOnRandomValues() throws {
        let fixture = try ReferenceFixture.load()
        let tri = try ElectrodeLayout.notebook.triangulation()
        var worst = 0.0
        for c in fixture.clough_tocher {
            let ct = try CloughTocherInterpolator(triangulation: tri, values: c.values)
            for (g, expected) in zip(ct.gradients, c.gradients) {
                XCTAssertEqual(g.x, expected[0], accuracy: 1e-9 * max(1, abs(expected[0])))
                XCTAssertEqual(g.y, expected[1], accuracy: 1e-9 * max(1, abs(expected[1])))
            }
            let points = c.points.map { SIMD2($0[0], $0[1]) }
            let grid = CloughTocherGrid(triangulation: tri, points: points)
            let fromGrid = grid.interpolate(c.values, outside: .nan)
            for (i, (p, expected)) in zip(points, c.interpolated).enumerated() {
                let value = ct(p)
                XCTAssertEqual(value == nil, expected == nil, "point \(p): inside/outside differs from scipy")
                XCTAssertEqual(grid.inside[i], expected != nil)
                guard let value, let expected else { XCTAssertTrue(fromGrid[i].isNaN); continue }
                worst = max(worst, abs(value - expected) / max(abs(expected), 1e-3))
                XCTAssertEqual(fromGrid[i], value, accuracy: 1e-12 * max(1, abs(value)))
            }
        }
        XCTAssertLessThan(worst, 1e-9)
    }

    func testRejectsWrongValueCount() throws {
        let tri = try ElectrodeLayout.notebook.triangulation()
        XCTAssertThrowsError(try CloughTocherInterpolator(triangulation: tri, values: [1, 2, 3]))
    }
}
