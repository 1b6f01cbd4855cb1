import ArgumentParser
import Stats

struct FisherPowerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fisher-power",
        abstract: "Exact power of Fisher's exact test on failure rates of two arms (every outcome enumerated).",
        discussion: """
            --rates P1,P2 --n N prints `power = P` (N runs per arm); --rates P1,P2 --power P prints `n = N`, \
            the smallest number of runs per arm reaching that power; --rates P1 --n N --power P prints the \
            failure rates of the second arm detectable against P1 (`detectable rates: <= L, >= U`).
            """)

    @Option(help: "Failure probability of each arm, P1,P2 (or P1 alone with --n and --power).")
    var rates: String
    @Option(parsing: .unconditional, help: "Runs per arm.")
    var n: Int?
    @Option(parsing: .unconditional, help: "Target power, in (0, 1), e.g. 0.8.")
    var power: Double?
    @Option(parsing: .unconditional, help: "Significance level, in (0, 1).")
    var alpha: Double = 0.05
    @Option(help: "two-sided, greater (first arm fails more often) or less.")
    var alternative: Alternative = .twoSided

    func run() throws {
        let values = try parseSample(rates, option: "--rates")
        let analysis = try FisherExactPower(alpha: alpha, alternative: alternative)
        switch (values.count, n, power) {
        case let (2, n?, nil):
            print("power = \(try analysis.power(n1: n, n2: n, p1: values[0], p2: values[1]))")
        case let (2, nil, target?):
            if let runs = try analysis.runsNeeded(p1: values[0], p2: values[1], power: target) {
                print("n = \(runs)")
            } else {
                throw ValidationError("no number of runs up to 500 per arm reaches power \(target) for rates \(values[0]) and \(values[1])")
            }
        case let (1, n?, target?):
            let found = try analysis.detectableRates(n: n, baseline: values[0], power: target)
            print("detectable rates: <= \(found.lower.map { "\($0)" } ?? "none"), >= \(found.upper.map { "\($0)" } ?? "none")")
        default:
            throw ValidationError(
                "give --rates P1,P2 with --n (prints the power) or with --power (prints n), or --rates P1 with --n and --power (prints the detectable rates)")
        }
    }
}
