/// Every way a Stats function can refuse its input. Each description names
/// the offending sample/option and position and says what to do instead.
public enum StatsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A sample has no values.
    case emptySample(sample: String)
    /// A value is NaN (or, for mean-based statistics, infinite).
    case nonFiniteValue(sample: String, index: Int, value: Double)
    /// A sample is too small for the statistic.
    case tooFewValues(sample: String, count: Int, minimum: Int, statistic: String)
    /// Paired samples of different lengths.
    case lengthMismatch(xCount: Int, yCount: Int)
    /// A confidence level outside the open interval (0, 1).
    case levelOutOfRange(level: Double)
    /// `method: .exact` with tied values (or, for Wilcoxon, zero differences).
    case exactWithTies(test: String, detail: String)
    /// Wilcoxon: every difference x[i] - y[i] is zero, nothing is left to rank.
    case allDifferencesZero(pairs: Int)
    /// Cohen's d with both samples constant: the pooled standard deviation is 0.
    case zeroPooledStandardDeviation(meanDifference: Double)
    /// A numeric argument outside its allowed range.
    case invalidArgument(name: String, value: Double, requirement: String)
    /// A command-line sample list that is empty.
    case emptyOption(option: String)
    /// A command-line sample list item that is not a finite number.
    case badSampleItem(option: String, position: Int, text: String)
    /// Fisher's exact test: a cell of the 2x2 table is negative.
    case negativeCount(cell: String, value: Int)
    /// Fisher's exact test: every cell of the 2x2 table is 0.
    case emptyTable
    /// A command-line 2x2 table that is not four non-negative integers.
    case badTable(option: String, text: String, problem: String)
    /// A power calculation whose equation has no solution.
    case noSolution(quantity: String, detail: String)

    public var description: String {
        switch self {
        case let .emptySample(sample):
            return "sample \(sample) is empty; give at least one value"
        case let .nonFiniteValue(sample, index, value):
            return "sample \(sample) has \(value.isNaN ? "NaN" : "\(value)") at index \(index) (0-based); "
                + "remove or replace non-finite values before testing"
        case let .tooFewValues(sample, count, minimum, statistic):
            return "\(statistic) needs at least \(minimum) values in \(sample), got \(count); "
                + "collect more values (e.g. more runs)"
        case let .lengthMismatch(xCount, yCount):
            return "paired test needs x and y of the same length, got \(xCount) and \(yCount); "
                + "pair each x[i] with y[i] (e.g. the same seed in both arms)"
        case let .levelOutOfRange(level):
            return "confidence level \(level) is outside (0, 1); use e.g. 0.9 for a 90% interval"
        case let .exactWithTies(test, detail):
            return "\(test): method exact assumes no ties, but \(detail); "
                + "use method auto or asymptotic (tie-corrected normal approximation)"
        case let .allDifferencesZero(pairs):
            return "Wilcoxon signed-rank: all \(pairs) differences x[i] - y[i] are zero, "
                + "so nothing is left to rank (zero_method 'wilcox' drops zeros); "
                + "the arms are identical on these pairs"
        case let .zeroPooledStandardDeviation(meanDifference):
            return "Cohen's d: both samples are constant (pooled standard deviation 0, "
                + "mean difference \(meanDifference)), so d is undefined; report the raw difference instead"
        case let .invalidArgument(name, value, requirement):
            return "\(name) = \(value) is invalid: \(requirement)"
        case let .emptyOption(option):
            return "option \(option) is empty; give comma-separated numbers like \(option) 0.81,0.80,0.83"
        case let .badSampleItem(option, position, text):
            return "option \(option): item \(position) ('\(text)') is not a finite number; "
                + "give comma-separated decimals like \(option) 0.81,0.80,0.83"
        case let .negativeCount(cell, value):
            return "Fisher's exact test: cell \(cell) of the table [[a, b], [c, d]] is \(value); counts must be 0 or more"
        case .emptyTable:
            return "Fisher's exact test: every cell of the table is 0, there is nothing to test; "
                + "give the counts per arm, e.g. failures and successes"
        case let .badTable(option, text, problem):
            return "option \(option) '\(text)': \(problem); give four counts a,b,c,d for the table [[a, b], [c, d]], "
                + "e.g. \(option) 2,3,0,5 (row = arm, columns = failures, successes)"
        case let .noSolution(quantity, detail):
            return "no \(quantity) solves the power equation: \(detail)"
        }
    }
}
