/// A differentiable training objective over a flat parameter vector, as gradient descent sees it.
/// Implementations own their scratch space, so one instance serves one thread.
public protocol LabObjective: AnyObject {
    /// Number of parameters.
    var parameterCount: Int { get }
    /// The parameter index ranges of the units whose gradient norms the stopping rule checks
    /// (each hidden unit; each neuron's (w, b, a) as one unit).
    var units: [Range<Int>] { get }
    /// Writes the gradient of the objective at `parameters` into `gradient` and returns the
    /// objective (with the neuron and its penalty, if any) and the original network's loss.
    func evaluate(_ parameters: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> (objective: Double, original: Double)
    /// The task's success criterion on the original network at `parameters`.
    func succeeded(_ parameters: [Double], originalLoss: Double) -> Bool
    /// Where the neurons' parameters are: empty without a neuron, one layout for a one-output
    /// network, one per output unit for a multi-output network.
    var neuronLayouts: [NeuronLayout] { get }
}

/// Where an objective keeps the neuron a*exp(w.x + b): w at `weights`, then b, then a.
public struct NeuronLayout: Sendable, Equatable {
    public let weights: Range<Int>
    public var bias: Int { weights.upperBound }
    public var scale: Int { weights.upperBound + 1 }

    public init(weights: Range<Int>) { self.weights = weights }

    /// (a, b, |w|) of the neuron in `parameters`.
    func values(_ parameters: UnsafeBufferPointer<Double>) -> (a: Double, b: Double, wNorm: Double) {
        var squares = 0.0
        for i in weights { squares += parameters[i] * parameters[i] }
        return (parameters[scale], parameters[bias], squares.squareRoot())
    }

    /// (a, b, |w|) of the neuron with the largest |a| (the first of equals): what a lab record and
    /// a trajectory sample keep of several neurons (with one neuron, that neuron).
    public static func summary(_ parameters: UnsafeBufferPointer<Double>, _ layouts: [NeuronLayout]) -> (a: Double, b: Double, wNorm: Double) {
        var chosen = layouts[0]
        for layout in layouts.dropFirst() where abs(parameters[layout.scale]) > abs(parameters[chosen.scale]) { chosen = layout }
        return chosen.values(parameters)
    }
}

extension LabObjective {
    /// Objective, original loss and gradient at `parameters` (for tests and one-off evaluations).
    public func evaluate(_ parameters: [Double]) -> (objective: Double, original: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: parameterCount)
        let values = parameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in evaluate(p, gradient: g) }
        }
        return (values.objective, values.original, gradient)
    }
}
