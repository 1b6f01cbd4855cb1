import Results

/// The settings of the lab's full-batch gradient descent (the Safran-Shamir protocol by default).
public struct GradientDescentSettings: Sendable, Equatable {
    /// The first attempt's step size.
    public var step: Double = 0.1
    /// Stop when every unit's gradient norm is at most this.
    public var tolerance: Double = 1e-9
    /// Gradient steps per attempt before giving up ("max-iterations").
    public var maxIterations: Int = 50_000
    /// Restart from the start with half the step when the whole gradient's norm exceeds this
    /// (or any value is not finite).
    var restartBound: Double = 1e4
    /// Restarts allowed before the run counts as diverged.
    var maxRestarts: Int = 20
    /// Also restart with half the step when a step raises the objective by more than
    /// `increaseTolerance * max(1, |objective|)` (gradient descent with a small enough step never
    /// does; a larger step can lock into a 2-cycle that neither converges nor trips `restartBound`).
    public var restartOnIncrease = true
    var increaseTolerance = 1e-12

    public init() {}
}

/// How one gradient-descent run ended.
public struct GradientDescentOutcome: Sendable {
    var parameters: [Double]
    var objective: Double
    public var original: Double
    public var stopped: LabStop
    var iterations: Int
    public var step: Double
    public var restarts: Int
    /// The largest unit gradient norm at the end.
    public var gradientNorm: Double
    /// The neurons' (w, b) norm (all neurons together) halfway through the last attempt (nil without a neuron).
    var neuronNormHalfway: Double?
    /// (iteration, a, b) samples of the last attempt when asked for (iterations 0, 1, 2, 4, 8, ... and the last);
    /// with several neurons, each sample is the neuron with the largest |a| at that iteration (`NeuronLayout.summary`).
    var trajectory: [(iteration: Int, a: Double, b: Double)]
}

/// Full-batch gradient descent p <- p - step * grad L(p) from `start`, stopping when every unit's
/// gradient norm is at most `tolerance`; when the gradient norm exceeds `restartBound` or a
/// value is not finite, the run starts again from `start` with half the step.
public func gradientDescent(
    _ objective: LabObjective, from start: [Double], settings: GradientDescentSettings,
    recordTrajectory: Bool = false
) -> GradientDescentOutcome {
    precondition(start.count == objective.parameterCount)
    let count = objective.parameterCount
    var parameters = start
    var gradient = [Double](repeating: 0, count: count)
    var step = settings.step
    let units = objective.units
    let layouts = objective.neuronLayouts
    var outcome = GradientDescentOutcome(
        parameters: start, objective: .nan, original: .nan, stopped: .diverged, iterations: 0,
        step: step, restarts: 0, gradientNorm: .nan, neuronNormHalfway: nil, trajectory: [])
    for attempt in 0...settings.maxRestarts {
        step = settings.step / Double(1 << min(attempt, 62))
        parameters = start
        var trajectory: [(iteration: Int, a: Double, b: Double)] = []
        var nextSample = 0
        var halfway: Double?
        var restart = false
        var iteration = 0
        var values = (objective: Double.nan, original: Double.nan)
        var largest = Double.nan
        var previous = Double.infinity
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                let view = UnsafeBufferPointer(p)
                while true {
                    values = objective.evaluate(view, gradient: g)
                    if !layouts.isEmpty {
                        if recordTrajectory && iteration == nextSample {
                            let neuron = NeuronLayout.summary(view, layouts)
                            trajectory.append((iteration, neuron.a, neuron.b))
                            nextSample = max(1, nextSample * 2)
                        }
                        if iteration == settings.maxIterations / 2 { halfway = neuronNorm(view, layouts) }
                    }
                    largest = 0
                    var total = 0.0
                    for unit in units {
                        var squares = 0.0
                        for i in unit { squares += g[i] * g[i] }
                        total += squares
                        largest = max(largest, squares)
                    }
                    largest = largest.squareRoot()
                    if !values.objective.isFinite || !total.isFinite || total.squareRoot() > settings.restartBound
                        || (settings.restartOnIncrease && values.objective > previous + settings.increaseTolerance * max(1, abs(previous)))
                    {
                        restart = true
                        return
                    }
                    previous = values.objective
                    if largest <= settings.tolerance || iteration >= settings.maxIterations { return }
                    for i in 0..<count { p[i] -= step * g[i] }
                    iteration += 1
                }
            }
        }
        if restart { continue }
        if recordTrajectory, !layouts.isEmpty, trajectory.last?.iteration != iteration {
            let neuron = parameters.withUnsafeBufferPointer { NeuronLayout.summary($0, layouts) }
            trajectory.append((iteration, neuron.a, neuron.b))
        }
        return GradientDescentOutcome(
            parameters: parameters, objective: values.objective, original: values.original,
            stopped: largest <= settings.tolerance ? .converged : .maxIterations, iterations: iteration,
            step: step, restarts: attempt, gradientNorm: largest, neuronNormHalfway: halfway, trajectory: trajectory)
    }
    outcome.restarts = settings.maxRestarts
    outcome.step = step
    return outcome
}

/// |(w, b)| of the neurons, all together (for one neuron: its |(w, b)|, summed in the order b, w).
func neuronNorm(_ p: UnsafeBufferPointer<Double>, _ layouts: [NeuronLayout]) -> Double {
    var squares = 0.0
    for layout in layouts {
        squares += p[layout.bias] * p[layout.bias]
        for i in layout.weights { squares += p[i] * p[i] }
    }
    return squares.squareRoot()
}
