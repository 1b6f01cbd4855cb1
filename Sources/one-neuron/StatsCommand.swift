import ArgumentParser
import Stats

/// `one-neuron stats`: rank tests on numbers given on the command line,
/// Fisher's exact test and t-test power.
/// All parsing, computing and formatting lives in the Stats module.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Rank tests and Fisher's exact test (scipy-equal), t-test power (statsmodels-equal).",
        subcommands: [MannWhitneyCommand.self, WilcoxonCommand.self, FisherCommand.self, PowerCommand.self, FisherPowerCommand.self])
}

extension Alternative: ExpressibleByArgument {}
extension TestMethod: ExpressibleByArgument {}

struct MannWhitneyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mann-whitney",
        abstract: "Mann-Whitney U test of x against y (scipy.stats.mannwhitneyu).")

    @Option(parsing: .unconditional, help: "First sample, comma-separated, e.g. 0.81,0.80,0.83.")
    var x: String
    @Option(parsing: .unconditional, help: "Second sample, comma-separated.")
    var y: String
    @Option(help: "two-sided, greater (x tends larger) or less.")
    var alternative: Alternative = .twoSided
    @Option(help: "auto, exact or asymptotic.")
    var method: TestMethod = .auto
    @Flag(help: "Do not apply the continuity correction (asymptotic method).")
    var noContinuity = false
    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let result = try mannWhitneyU(
            parseSample(x, option: "--x"), parseSample(y, option: "--y"),
            alternative: alternative, method: method, continuity: !noContinuity)
        print(json ? try result.jsonString() : result.summary)
    }
}

struct WilcoxonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wilcoxon",
        abstract: "Wilcoxon signed-rank test on pairs x[i], y[i] (scipy.stats.wilcoxon).")

    @Option(parsing: .unconditional, help: "First sample, comma-separated; paired with --y by position.")
    var x: String
    @Option(parsing: .unconditional, help: "Second sample, same length as --x.")
    var y: String
    @Option(help: "two-sided, greater (x - y tends positive) or less.")
    var alternative: Alternative = .twoSided
    @Option(help: "auto, exact or asymptotic.")
    var method: TestMethod = .auto
    @Flag(help: "Apply the continuity correction (asymptotic method; scipy's correction=True).")
    var continuity = false
    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let result = try wilcoxonSignedRank(
            parseSample(x, option: "--x"), parseSample(y, option: "--y"),
            alternative: alternative, method: method, continuity: continuity)
        print(json ? try result.jsonString() : result.summary)
    }
}
