import Backend
import NN
import Tensor

/// Finite-difference check of one layer: the float32 backward of the layer (run on oneDNN)
/// against central differences in float64 of an independent float64 forward of the same
/// layer (composed from `ReferenceOps`), for the loss sum(r * output) with random r.
public struct LayerGradientCheck {
    public let layer: Layer
    public let inputShape: [Int]
    public let batch: Int
    /// Float64 forward: (input, parameter values in `layer.parameters` order) -> output.
    public let forward64: (_ x: [Double], _ params: [[Double]]) throws -> [Double]
    public var inputRange: (Double, Double) = (-1, 1)
    /// Range of the random parameter values.
    public var parameterRange: (Double, Double) = (-1, 1)
    /// Coordinates checked per tensor (all when smaller).
    public var samplesPerTensor = 40

    public init(
        layer: Layer, inputShape: [Int], batch: Int, forward64: @escaping (_ x: [Double], _ params: [[Double]]) throws -> [Double],
        inputRange: (Double, Double) = (-1, 1)
    ) {
        self.layer = layer; self.inputShape = inputShape; self.batch = batch; self.forward64 = forward64; self.inputRange = inputRange
    }

    /// Returns the worst relative error over checked coordinates of the input and every parameter.
    public func run(seed: UInt64 = 1) throws -> (worst: Double, detail: String) {
        var g = SeededGenerator(seed: seed)
        let outShape = try layer.build(inputShape: inputShape, context: BuildContext(backend: DNNLBackend()))
        let store = try ParameterStore(layer.weights)
        for p in layer.parameters { for i in p.value.indices { p.value[i] = g.uniform(Float(parameterRange.0), Float(parameterRange.1)) } }
        let inCount = batch * inputShape.reduce(1, *), outCount = batch * outShape.reduce(1, *)
        var x = (0..<inCount).map { _ in g.uniform(Float(inputRange.0), Float(inputRange.1)) }
        var y = [Float](repeating: 0, count: outCount)
        var r = (0..<outCount).map { _ in g.uniform(-1, 1) }
        var dx = [Float](repeating: 0, count: inCount)
        try x.withUnsafeMutableBufferPointer { xb in
            try y.withUnsafeMutableBufferPointer { yb in
                try r.withUnsafeMutableBufferPointer { rb in
                    try dx.withUnsafeMutableBufferPointer { db in
                        let input = Activations(pointer: xb.baseAddress!, batchSize: batch, sampleShape: inputShape)
                        let output = Activations(pointer: yb.baseAddress!, batchSize: batch, sampleShape: outShape)
                        try layer.forward(input, output, training: true)
                        try layer.backward(
                            input: input, output: output,
                            gradOutput: Activations(pointer: rb.baseAddress!, batchSize: batch, sampleShape: outShape),
                            gradInput: Activations(pointer: db.baseAddress!, batchSize: batch, sampleShape: inputShape))
                    }
                }
            }
        }
        let x64 = x.map(Double.init), r64 = r.map(Double.init)
        let p64 = layer.parameters.map { $0.value.map(Double.init) }
        // The float64 forward must agree with the float32 one (same function).
        let y64 = try forward64(x64, p64)
        let yScale = max(y64.map(abs).max() ?? 0, 1e-6)
        let forwardError = zip(y, y64).map { abs(Double($0) - $1) / yScale }.max() ?? 0
        guard forwardError < 1e-4 else { return (forwardError, "forward differs from float64 reference by \(forwardError)") }

        func loss(_ xs: [Double], _ ps: [[Double]]) throws -> Double {
            zip(try forward64(xs, ps), r64).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var worst = 0.0, detail = ""
        func check(_ analytic: [Float], name: String, perturb: (Int, Double) throws -> Double) rethrows {
            let scale = max(analytic.map { abs(Double($0)) }.max() ?? 0, 1e-8)
            let indices = Array(Swift.stride(from: 0, to: analytic.count, by: max(1, analytic.count / samplesPerTensor)))
            let numeric = try indices.map { i in try GradientCheck.centralDifference { try perturb(i, $0) } }
            let result = GradientCheck.compare(analytic: indices.map { Double(analytic[$0]) }, numeric: numeric, scale: scale)
            if result.maxRelativeError > worst {
                worst = result.maxRelativeError
                detail = "\(name)[\(indices[result.worstIndex])]: backward \(result.analyticAtWorst), finite difference \(result.numericAtWorst)"
            }
        }
        try check(dx, name: "input") { i, h in
            var xs = x64; xs[i] += h; return try loss(xs, p64)
        }
        for (k, p) in layer.parameters.enumerated() {
            try check(Array(p.gradient), name: p.name) { i, h in
                var ps = p64; ps[k][i] += h; return try loss(x64, ps)
            }
        }
        _ = store
        return (worst, detail)
    }
}
