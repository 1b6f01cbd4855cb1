import ArgumentParser
import Stats

extension PowerTestKind: ExpressibleByArgument {}
extension PowerAlternative: ExpressibleByArgument {}

struct PowerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "power",
        abstract: "Power or sample size of a t-test (statsmodels' TTestIndPower / TTestPower).",
        discussion: """
            Give two of --effect-size, --n and --power; the third is printed as `power = P`, `n = N` \
            (fractional, as statsmodels' solve_power) or `effect size = D` (the smallest detectable one).
            """)

    @Option(help: "t-independent (two samples of n each) or t-paired (n pairs).")
    var test: PowerTestKind
    @Option(parsing: .unconditional, help: "Standardized effect size: mean difference / standard deviation (Cohen's d).")
    var effectSize: Double?
    @Option(parsing: .unconditional, help: "Sample size: per arm for t-independent, pairs for t-paired (may be fractional).")
    var n: Double?
    @Option(parsing: .unconditional, help: "Target power, in (0, 1), e.g. 0.8.")
    var power: Double?
    @Option(parsing: .unconditional, help: "Significance level, in (0, 1).")
    var alpha: Double = 0.05
    @Option(help: "two-sided, larger (positive effect) or smaller (negative effect).")
    var alternative: PowerAlternative = .twoSided

    func query() throws -> PowerQuery {
        switch (effectSize, n, power) {
        case let (d?, n?, nil): return .power(effectSize: d, n: n)
        case let (d?, nil, p?): return .n(effectSize: d, power: p)
        case let (nil, n?, p?): return .effectSize(n: n, power: p)
        default:
            throw ValidationError(
                "give exactly two of --effect-size, --n and --power "
                    + "(e.g. --effect-size 0.5 --n 20 prints the power, --effect-size 0.5 --power 0.8 prints n)")
        }
    }

    func validate() throws { _ = try query() }

    func run() throws {
        print(try test.analysis.answerLine(query(), alpha: alpha, alternative: alternative))
    }
}

struct FisherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fisher",
        abstract: "Fisher's exact test on a 2x2 table (scipy.stats.fisher_exact).")

    @Option(help: "The table [[a, b], [c, d]] as a,b,c,d, e.g. failures,successes of arm 1 then of arm 2.")
    var table: String
    @Option(help: "two-sided, greater (odds ratio > 1) or less.")
    var alternative: Alternative = .twoSided

    func run() throws {
        let (a, b, c, d) = try parseTable(table, option: "--table")
        print(try FisherExact.test(a: a, b: b, c: c, d: d, alternative: alternative).summary)
    }
}
