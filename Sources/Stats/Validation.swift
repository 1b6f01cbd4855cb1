/// Input checks shared by the Stats functions.
enum Check {
    /// Throws unless `values` is non-empty and NaN-free (infinite values are
    /// allowed: rank tests handle them like scipy does).
    static func rankable(_ values: [Double], sample: String) throws {
        if values.isEmpty { throw StatsError.emptySample(sample: sample) }
        if let i = values.firstIndex(where: { $0.isNaN }) {
            throw StatsError.nonFiniteValue(sample: sample, index: i, value: values[i])
        }
    }

    /// Throws unless `values` has at least `minimum` values, all finite.
    static func finite(_ values: [Double], sample: String, minimum: Int, statistic: String) throws {
        if values.isEmpty { throw StatsError.emptySample(sample: sample) }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw StatsError.nonFiniteValue(sample: sample, index: i, value: values[i])
        }
        if values.count < minimum {
            throw StatsError.tooFewValues(sample: sample, count: values.count, minimum: minimum, statistic: statistic)
        }
    }

    /// Throws unless 0 < level < 1.
    static func level(_ level: Double) throws {
        guard level > 0, level < 1 else { throw StatsError.levelOutOfRange(level: level) }
    }
}
