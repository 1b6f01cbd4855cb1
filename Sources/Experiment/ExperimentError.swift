/// Why an experiment could not run.
public enum ExperimentError: Error, CustomStringConvertible {
    case invalidOption(String)
    case mismatchedResults(String)
    case simulatedCrash(epochs: Int)

    public var description: String {
        switch self {
        case .invalidOption(let m): return m
        case .mismatchedResults(let m): return m
        case .simulatedCrash(let n): return "simulated crash after \(n) epochs (testing hook)"
        }
    }
}
