/// `lab_config.json`: every choice of a lab run that changes a result, after its
/// `"schema_version": LabSchema.version`. A rerun into the same folder must match it (except
/// `starts`, which may grow).
public struct LabConfig: Equatable, Sendable, SchemaVersioned {
    public static let schemaVersion = LabSchema.version

    /// The task as given, canonical form (e.g. "relu-teacher:6,6").
    public var task: String
    public var starts: Int
    /// Arms in record order.
    public var arms: [LabArm]
    public var lambda: Double
    public var seed: UInt64
    public var step: Double
    public var tolerance: Double
    public var maxIterations: Int
    /// The gradient-norm bound that triggers a restart with half the step.
    public var restartBound: Double
    /// The largest number of restarts before a run counts as diverged.
    public var maxRestarts: Int
    /// How many neuron starts keep their (a, b) trajectory.
    public var trajectoryStarts: Int
    /// How the neuron's w started ("random" or "zero-w").
    public var neuronInit: String
    /// Whether a step that raised the objective restarted the run with half the step.
    public var restartOnIncrease: Bool

    public init(
        task: String, starts: Int, arms: [LabArm], lambda: Double, seed: UInt64, step: Double, tolerance: Double,
        maxIterations: Int, restartBound: Double, maxRestarts: Int, trajectoryStarts: Int, neuronInit: String, restartOnIncrease: Bool
    ) {
        self.task = task
        self.starts = starts
        self.arms = arms
        self.lambda = lambda
        self.seed = seed
        self.step = step
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.restartBound = restartBound
        self.maxRestarts = maxRestarts
        self.trajectoryStarts = trajectoryStarts
        self.neuronInit = neuronInit
        self.restartOnIncrease = restartOnIncrease
    }

    enum CodingKeys: String, CodingKey {
        case task, starts, arms, lambda, seed, step, tolerance, maxIterations = "max_iterations"
        case restartBound = "restart_bound", maxRestarts = "max_restarts", trajectoryStarts = "trajectory_starts", neuronInit = "neuron_init",
            restartOnIncrease = "restart_on_increase"
    }
}
