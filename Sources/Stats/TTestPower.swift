/// Alternative hypothesis of a power calculation, spelled as in statsmodels
/// (`alternative='two-sided' | 'larger' | 'smaller'`): `.larger` means the
/// true standardized effect is positive (first arm minus second, or the
/// paired difference, is larger than 0).
public enum PowerAlternative: String, Sendable, Codable, CaseIterable {
    case twoSided = "two-sided"
    case larger
    case smaller
}

/// Power of a Student t-test whose statistic, for a standardized effect
/// size d and sample size n, follows a noncentral t distribution with
/// `degreesOfFreedom(n:)` and noncentrality d * sqrt(`effectiveSampleSize(n:)`).
///
/// `TTestPower` (one sample / paired) and `TTestIndPower` (two independent
/// samples) conform; the shared `power`, `solveN` and
/// `minimumDetectableEffect` are in an extension.
public protocol TTestPowerAnalysis: Sendable {
    /// Degrees of freedom of the t statistic for sample size `n`.
    func degreesOfFreedom(n: Double) -> Double
    /// The n whose square root scales the effect size into the
    /// noncentrality (n for one sample, n1 n2 / (n1 + n2) for two).
    func effectiveSampleSize(n: Double) -> Double
    /// What `n` counts, for messages (e.g. "pairs").
    var sampleSizeName: String { get }
}

/// Power of the one-sample or paired t-test, as statsmodels'
/// `statsmodels.stats.power.TTestPower`: n observations (pairs), df = n - 1,
/// noncentrality d sqrt(n), where d is the mean (of the paired differences)
/// divided by their standard deviation.
public struct TTestPower: TTestPowerAnalysis {
    public init() {}
    public func degreesOfFreedom(n: Double) -> Double { n - 1 }
    public func effectiveSampleSize(n: Double) -> Double { n }
    public var sampleSizeName: String { "n (observations or pairs)" }
}

/// Power of the two-sample t-test with pooled variance, as statsmodels'
/// `statsmodels.stats.power.TTestIndPower`: n1 = n observations in the
/// first sample and n2 = `ratio` * n in the second, df = n1 + n2 - 2,
/// noncentrality d sqrt(n1 n2 / (n1 + n2)), where d is the difference of
/// the means divided by the pooled standard deviation.
public struct TTestIndPower: TTestPowerAnalysis {
    /// n2 / n1 (statsmodels' `ratio`, default 1: equal arms).
    public let ratio: Double

    /// - Throws: `StatsError.invalidArgument` unless `ratio` is positive and finite.
    public init(ratio: Double = 1) throws {
        guard ratio > 0, ratio.isFinite else {
            throw StatsError.invalidArgument(name: "ratio", value: ratio, requirement: "must be a positive finite number (n2 / n1)")
        }
        self.ratio = ratio
    }

    public func degreesOfFreedom(n: Double) -> Double { n + ratio * n - 2 }
    public func effectiveSampleSize(n: Double) -> Double { 1 / (1 / n + 1 / (ratio * n)) }
    public var sampleSizeName: String { "n (observations in the first sample)" }
}

/// Which t-test a power calculation is for (the command's `--test`).
public enum PowerTestKind: String, Sendable, Codable, CaseIterable {
    /// Two independent samples of equal size (`TTestIndPower()`).
    case tIndependent = "t-independent"
    /// Paired samples / one sample (`TTestPower()`).
    case tPaired = "t-paired"

    /// The power analysis of this test (ratio 1 for independent samples).
    public var analysis: any TTestPowerAnalysis {
        switch self {
        case .tIndependent: return try! TTestIndPower(ratio: 1)  // 1 is a valid ratio
        case .tPaired: return TTestPower()
        }
    }
}
