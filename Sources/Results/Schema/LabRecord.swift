/// The arms of a landscape-lab run: the original network, or the network plus one exponential
/// neuron `a*exp(w.x + b)` with the penalty `lambda*a^2`.
public enum LabArm: String, CaseIterable, Sendable, Codable {
    case plain
    case neuron

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let arm = LabArm(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be \"plain\" or \"neuron\", found \"\(text)\"")
        }
        self = arm
    }
}

/// Why a lab training stopped.
public enum LabStop: String, Sendable, Codable {
    /// Every unit's gradient norm reached the tolerance.
    case converged
    /// A non-finite value, or the gradient exceeded its bound even at the smallest step.
    case diverged
    /// The iteration budget ran out first.
    case maxIterations = "max-iterations"

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let stop = LabStop(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be \"converged\", \"diverged\" or \"max-iterations\", found \"\(text)\"")
        }
        self = stop
    }
}

/// One line of `lab.jsonl`: the outcome of one start of one arm. Keys in file order: schema_version, arm, start,
/// final_loss, objective, success, stopped, iterations, step, restarts, gradient_norm, a, b,
/// w_norm, diverging, and for the first few neuron starts trajectory_iterations, trajectory_a,
/// trajectory_b. Non-finite numbers are null; a, b and w_norm are null in the plain arm.
public struct LabRecord: Equatable, Sendable, JSONLinesRecord {
    public var arm: LabArm
    /// 0-based start index; its randomness depends only on (seed, task, start).
    public var start: Int
    /// The original network's loss at the end (the neuron's output left out).
    public var finalLoss: Double?
    /// The objective that was minimised (for the neuron arm: with the neuron and its penalty).
    public var objective: Double?
    /// The task's success criterion on the original network (e.g. final_loss < 1e-3).
    public var success: Bool
    public var stopped: LabStop
    /// Gradient steps of the last attempt.
    public var iterations: Int
    /// The step size of the last attempt (halved on each restart).
    public var step: Double
    /// How many times the run restarted from its start with half the step.
    public var restarts: Int
    /// The largest per-unit gradient norm at the end.
    public var gradientNorm: Double?
    /// The neuron's scale a, bias b and weight norm |w| (neuron arm only).
    public var a: Double?
    public var b: Double?
    public var wNorm: Double?
    /// The neuron drifted towards infinity instead of stopping (always false in the plain arm).
    public var diverging: Bool
    /// Sampled trajectory of (a, b) for the first few neuron starts (absent otherwise).
    public var trajectoryIterations: [Int]?
    public var trajectoryA: [Double]?
    public var trajectoryB: [Double]?

    public init(
        arm: LabArm, start: Int, finalLoss: Double?, objective: Double?, success: Bool, stopped: LabStop, iterations: Int,
        step: Double, restarts: Int, gradientNorm: Double?, a: Double? = nil, b: Double? = nil, wNorm: Double? = nil,
        diverging: Bool = false
    ) {
        self.arm = arm
        self.start = start
        self.finalLoss = finalLoss
        self.objective = objective
        self.success = success
        self.stopped = stopped
        self.iterations = iterations
        self.step = step
        self.restarts = restarts
        self.gradientNorm = gradientNorm
        self.a = a
        self.b = b
        self.wNorm = wNorm
        self.diverging = diverging
    }

    public static let schemaVersion = LabSchema.version
    public static let expectedKeys =
        "\"arm\" (\"plain\" or \"neuron\"), \"start\", \"success\", \"stopped\", \"iterations\", \"step\", \"restarts\", \"diverging\" and numbers or null for \"final_loss\", \"objective\", \"gradient_norm\""

    enum CodingKeys: String, CodingKey {
        case arm, start, finalLoss = "final_loss", objective, success, stopped, iterations, step, restarts
        case gradientNorm = "gradient_norm", a, b, wNorm = "w_norm", diverging
        case trajectoryIterations = "trajectory_iterations", trajectoryA = "trajectory_a", trajectoryB = "trajectory_b"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        arm = try c.decode(LabArm.self, forKey: .arm)
        start = try c.decode(Int.self, forKey: .start)
        guard start >= 0 else { throw DecodingError.dataCorruptedError(forKey: .start, in: c, debugDescription: "must be 0 or more, found \(start)") }
        finalLoss = try c.requiredFiniteDouble(forKey: .finalLoss)
        objective = try c.requiredFiniteDouble(forKey: .objective)
        success = try c.decode(Bool.self, forKey: .success)
        stopped = try c.decode(LabStop.self, forKey: .stopped)
        iterations = try c.decode(Int.self, forKey: .iterations)
        step = try c.decode(Double.self, forKey: .step)
        restarts = try c.decode(Int.self, forKey: .restarts)
        gradientNorm = try c.requiredFiniteDouble(forKey: .gradientNorm)
        a = try c.finiteDouble(forKey: .a)
        b = try c.finiteDouble(forKey: .b)
        wNorm = try c.finiteDouble(forKey: .wNorm)
        diverging = try c.decode(Bool.self, forKey: .diverging)
        trajectoryIterations = try c.decodeIfPresent([Int].self, forKey: .trajectoryIterations)
        trajectoryA = try c.decodeIfPresent([Double?].self, forKey: .trajectoryA).map { $0.map { $0 ?? .nan } }
        trajectoryB = try c.decodeIfPresent([Double?].self, forKey: .trajectoryB).map { $0.map { $0 ?? .nan } }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(arm, forKey: .arm)
        try c.encode(start, forKey: .start)
        try c.encodeOrNull(finite(finalLoss), forKey: .finalLoss)
        try c.encodeOrNull(finite(objective), forKey: .objective)
        try c.encode(success, forKey: .success)
        try c.encode(stopped, forKey: .stopped)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(step, forKey: .step)
        try c.encode(restarts, forKey: .restarts)
        try c.encodeOrNull(finite(gradientNorm), forKey: .gradientNorm)
        try c.encodeOrNull(finite(a), forKey: .a)
        try c.encodeOrNull(finite(b), forKey: .b)
        try c.encodeOrNull(finite(wNorm), forKey: .wNorm)
        try c.encode(diverging, forKey: .diverging)
        if let trajectoryIterations, let trajectoryA, let trajectoryB {
            try c.encode(trajectoryIterations, forKey: .trajectoryIterations)
            try c.encode(trajectoryA.map(finite), forKey: .trajectoryA)
            try c.encode(trajectoryB.map(finite), forKey: .trajectoryB)
        }
    }
}
