import ArgumentParser

/// Where `experiment` and `train` write, and how much they print.
struct OutputArguments: ParsableArguments {
    @Option(help: "Results folder (created if missing).") var out: String
    @Flag(help: "No per-epoch progress (an experiment prints one line per finished training).") var quiet = false
}
